package dev.runtrail.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch on localhost, run from the integ-test distribution with a small
 * heap and security off. As root it runs as the {@value LocalUser#NAME} system account, since
 * Elasticsearch refuses root. Each instance has its own directory (config, data, logs) and a state
 * file, so {@code runtrail es stop} in another process can find and stop it.
 *
 * <p>The distribution lacks {@code GET /}, ILM, data streams, ingest pipelines and ES|QL; health is
 * checked with {@code _cluster/health}.
 */
public final class LocalElasticsearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final String STATE_FILE = "runtrail-es.properties";

    private final Path instanceDir;
    private final int port;
    private final long pid;
    private final boolean deleteOnClose;

    private LocalElasticsearch(Path instanceDir, int port, long pid, boolean deleteOnClose) {
        this.instanceDir = instanceDir;
        this.port = port;
        this.pid = pid;
        this.deleteOnClose = deleteOnClose;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:9200}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Process id of the Elasticsearch server. */
    public long pid() {
        return pid;
    }

    public Path instanceDir() {
        return instanceDir;
    }

    /** Directory of the named instance under the cache root. */
    public static Path instanceDir(String name) {
        return LocalPaths.cacheRoot().resolve("instances").resolve("elasticsearch-" + name);
    }

    /** Starts a throw-away node on a free port (tests): its directory is deleted on close. */
    public static LocalElasticsearch startEphemeral() throws IOException {
        String name = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        return start(instanceDir(name), PortFinder.freePort(), true);
    }

    /**
     * Starts (or finds running) the named persistent node. Data survives restarts.
     *
     * @param preferredPort the port to use when free; another free port otherwise
     */
    public static LocalElasticsearch startNamed(String name, int preferredPort) throws IOException {
        Optional<LocalElasticsearch> running = findRunning(name);
        if (running.isPresent()) {
            return running.get();
        }
        int port = PortFinder.isFree(preferredPort) ? preferredPort : PortFinder.freePort();
        return start(instanceDir(name), port, false);
    }

    /** The named node when it is running and healthy. */
    public static Optional<LocalElasticsearch> findRunning(String name) {
        Path dir = instanceDir(name);
        Path state = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(state)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = Long.parseLong(props.getProperty("pid", "-1"));
        int port = Integer.parseInt(props.getProperty("port", "-1"));
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        LocalElasticsearch node = new LocalElasticsearch(dir, port, pid, false);
        if (alive && node.healthy()) {
            return Optional.of(node);
        }
        return Optional.empty();
    }

    private static LocalElasticsearch start(Path dir, int port, boolean ephemeral)
            throws IOException {
        ElasticsearchDistribution distribution = ElasticsearchDistribution.managed();
        Path home = distribution.home();
        boolean root = LocalUser.runningAsRoot();
        Path config = dir.resolve("config");
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        if (!Files.isDirectory(config)) {
            copyConfig(home.resolve("config"), config);
        }
        Path pidFile = dir.resolve("es.pid");
        Files.deleteIfExists(pidFile);
        if (root) {
            LocalUser.ensureExists();
            LocalUser.chown(dir);
        }
        int transportPort = PortFinder.freePort();
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/elasticsearch").toString());
        for (String setting :
                List.of(
                        "cluster.name=runtrail-local",
                        "node.name=runtrail-local",
                        "discovery.type=single-node",
                        "network.host=127.0.0.1",
                        "http.port=" + port,
                        "transport.port=" + transportPort,
                        "path.data=" + data,
                        "path.logs=" + logs,
                        "xpack.security.enabled=false",
                        "cluster.routing.allocation.disk.threshold_enabled=false",
                        // runtrail writes monthly indices per kind, and sample exports reach back
                        // years: one run over them creates about 80, so the default limit of 1,000
                        // was hit after a dozen index prefixes; 1,200 empty indices took 240 MB of
                        // this node's 512 MB heap
                        "cluster.max_shards_per_node=3000",
                        "action.destructive_requires_name=false")) {
            command.add("-E");
            command.add(setting);
        }
        command.add("-p");
        command.add(pidFile.toString());
        List<String> launch = root ? LocalUser.asUser(command) : command;
        launch.add(0, "setsid");
        ProcessBuilder builder = new ProcessBuilder(launch);
        builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        builder.environment().put("ES_PATH_CONF", config.toString());
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Path console = logs.resolve("console.log");
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        LOG.info("Starting Elasticsearch {} on port {} ({})", distribution.version(), port, dir);
        Process launcher = builder.start();
        long serverPid = awaitPid(pidFile, launcher, console);
        LocalElasticsearch node = new LocalElasticsearch(dir, port, serverPid, ephemeral);
        node.awaitHealthy(Duration.ofMinutes(3), console);
        Properties props = new Properties();
        props.setProperty("pid", Long.toString(serverPid));
        props.setProperty("port", Integer.toString(port));
        props.setProperty("url", node.url());
        props.setProperty("started", Instant.now().toString());
        try (var out = Files.newOutputStream(dir.resolve(STATE_FILE))) {
            props.store(out, "runtrail local Elasticsearch");
        }
        if (ephemeral) {
            Runtime.getRuntime().addShutdownHook(new Thread(node::stopQuietly, "es-stop"));
        }
        LOG.info("Elasticsearch is up at {} (pid {})", node.url(), serverPid);
        return node;
    }

    private static void copyConfig(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static long awaitPid(Path pidFile, Process launcher, Path console) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            if (!launcher.isAlive()) {
                throw new IOException(
                        "Elasticsearch exited with code "
                                + launcher.exitValue()
                                + " before writing its pid; last lines of "
                                + console
                                + ":\n"
                                + tail(console, 30));
            }
            sleep(200);
        }
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        throw new IOException("Elasticsearch did not start within 3 minutes; see " + console);
    }

    private void awaitHealthy(Duration timeout, Path console) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy()) {
                return;
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException(
                        "Elasticsearch (pid "
                                + pid
                                + ") died while starting; last lines of "
                                + console
                                + ":\n"
                                + tail(console, 30));
            }
            sleep(500);
        }
        stopQuietly();
        throw new IOException(
                "Elasticsearch was not healthy within " + timeout + "; see " + console);
    }

    /** Whether {@code _cluster/health} answers green or yellow. */
    public boolean healthy() {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            url() + "/_cluster/health?timeout=2s"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"");
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the server and waits for it to exit; deletes an ephemeral node's directory. */
    public void stop() throws IOException {
        terminate();
        if (deleteOnClose) {
            ElasticsearchDistribution.deleteTree(instanceDir);
        }
    }

    /**
     * Stops the server but keeps its directory, so that {@link #startAgain()} brings the same
     * indices back on the same port: what an outage test needs.
     */
    public void stopKeepingData() throws IOException {
        terminate();
    }

    /**
     * Starts a node stopped by {@link #stopKeepingData()} again, on the same port and data
     * directory, and waits until it is healthy.
     *
     * @return the running node (its process id differs from this one's)
     * @throws IOException when the node is still running or does not come up
     */
    public LocalElasticsearch startAgain() throws IOException {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IOException(
                    "Elasticsearch (pid "
                            + pid
                            + ") is still running; stop it before starting it again.");
        }
        return start(instanceDir, port, deleteOnClose);
    }

    private void terminate() throws IOException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            ProcessHandle process = handle.get();
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Elasticsearch (pid {}) did not stop in 60 s; killing it", pid);
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(instanceDir.resolve(STATE_FILE));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop Elasticsearch (pid {}): {}", pid, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for Elasticsearch", e);
        }
    }
}
