package dev.runtrail.cli;

/**
 * Settings that were read but cannot work together (credentials over plain http to another machine,
 * a CA file that cannot be read, ...): a usage error, exit 1, like a mistyped key.
 */
final class SettingsException extends RuntimeException {
    SettingsException(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }
}
