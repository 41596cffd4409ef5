package dev.runtrail.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where local services live on disk. As root the tree is under {@code /var/tmp/runtrail} so the
 * unprivileged service account can reach it (root's home is closed to others); otherwise under
 * {@code ~/.cache/runtrail}. {@code RUNTRAIL_CACHE} overrides both.
 */
public final class LocalPaths {
    private LocalPaths() {}

    /** Root of runtrail's cache of unpacked services and their instances. */
    public static Path cacheRoot() {
        String override = System.getenv("RUNTRAIL_CACHE");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        if (LocalUser.runningAsRoot()) {
            return Path.of("/var/tmp/runtrail");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "runtrail");
    }

    /** Versions of the services, as managed in the build. */
    static String version(String key) {
        Properties props = new Properties();
        try (InputStream in = LocalPaths.class.getResourceAsStream("/runtrail-local.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty(key);
    }
}
