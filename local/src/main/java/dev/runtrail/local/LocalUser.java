package dev.runtrail.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unprivileged system account local services run as when runtrail itself runs as root:
 * Elasticsearch refuses to start as root. Created on first use with {@code useradd --system}.
 */
final class LocalUser {
    private static final Logger LOG = LoggerFactory.getLogger(LocalUser.class);

    /** Name of the account created for the local Elasticsearch node. */
    static final String NAME = "runtrail-es";

    private LocalUser() {}

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Creates the account unless it exists. */
    static synchronized void ensureExists() throws IOException {
        if (run(List.of("id", "-u", NAME)) == 0) {
            return;
        }
        LOG.info(
                "Creating system user {} to run the local Elasticsearch node (it refuses root)",
                NAME);
        int code =
                run(
                        List.of(
                                "useradd",
                                "--system",
                                "--no-create-home",
                                "--shell",
                                "/usr/sbin/nologin",
                                NAME));
        if (code != 0 && run(List.of("id", "-u", NAME)) != 0) {
            throw new IOException(
                    "Could not create the system user "
                            + NAME
                            + " (useradd exited "
                            + code
                            + "); create it by hand or run runtrail as a non-root user.");
        }
    }

    /** Gives the account ownership of a directory tree. */
    static void chown(Path dir) throws IOException {
        int code = run(List.of("chown", "-R", NAME + ":" + NAME, dir.toString()));
        if (code != 0) {
            throw new IOException(
                    "chown of " + dir + " to " + NAME + " failed with exit code " + code);
        }
    }

    /** Wraps a command so it runs as the account. */
    static List<String> asUser(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        wrapped.add("runuser");
        wrapped.add("-u");
        wrapped.add(NAME);
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    private static int run(List<String> command) throws IOException {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }
}
