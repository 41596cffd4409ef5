package dev.runtrail.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch distribution runtrail runs locally: Maven Central's {@code
 * org.elasticsearch.distribution.integ-test-zip:elasticsearch} zip, taken from the local Maven
 * repository (the build resolves it there) or downloaded from Maven Central and checked against its
 * published SHA-1, then unpacked once into the cache.
 */
public final class ElasticsearchDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchDistribution.class);
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final String GROUP_PATH =
            "org/elasticsearch/distribution/integ-test-zip/elasticsearch/";

    private final String version;

    public ElasticsearchDistribution(String version) {
        this.version = version;
    }

    /** The version the build manages. */
    public static ElasticsearchDistribution managed() {
        return new ElasticsearchDistribution(LocalPaths.version("elasticsearch.version"));
    }

    public String version() {
        return version;
    }

    /** The unpacked distribution's home directory, unpacking (and downloading) when needed. */
    public synchronized Path home() throws IOException {
        Path root = LocalPaths.cacheRoot();
        Path home = root.resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        Files.createDirectories(root);
        Path zip = locateZip();
        Path staging = Files.createTempDirectory(root, "unpack-");
        LOG.info("Unpacking Elasticsearch {} into {}", version, home);
        unzip(zip, staging);
        Path unpacked = staging.resolve("elasticsearch-" + version);
        try (var bin = Files.list(unpacked.resolve("bin"))) {
            for (Path file : bin.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(unpacked.resolve(".complete"), version);
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("Another process unpacked {} first", home);
        }
        deleteTree(staging);
        return home;
    }

    private Path locateZip() throws IOException {
        String relative = GROUP_PATH + version + "/elasticsearch-" + version + ".zip";
        String repoOverride = System.getProperty("maven.repo.local");
        Path repo =
                repoOverride != null
                        ? Path.of(repoOverride)
                        : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path inRepo = repo.resolve(relative);
        if (Files.isRegularFile(inRepo)) {
            return inRepo;
        }
        Path cached =
                LocalPaths.cacheRoot()
                        .resolve("downloads")
                        .resolve("elasticsearch-" + version + ".zip");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(CENTRAL + relative, cached);
    }

    private static Path download(String url, Path target) throws IOException {
        LOG.info("Downloading {} (about 100 MB)", url);
        Files.createDirectories(target.getParent());
        HttpClient client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response =
                    client.send(
                            HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException(
                        "Download of " + url + " failed with HTTP " + response.statusCode());
            }
            String expected =
                    client.send(
                                    HttpRequest.newBuilder(URI.create(url + ".sha1")).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                            .trim()
                            .split("\\s+")[0];
            String actual = sha1(partial);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException(
                        "Checksum mismatch for "
                                + url
                                + ": expected SHA-1 "
                                + expected
                                + ", got "
                                + actual);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + url, e);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(
                            "Zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
