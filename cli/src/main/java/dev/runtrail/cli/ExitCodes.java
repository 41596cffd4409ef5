package dev.runtrail.cli;

/** Exit codes scripts can rely on; listed in {@code runtrail --help}. */
public final class ExitCodes {
    private ExitCodes() {}

    /** Everything was read and delivered. */
    public static final int OK = 0;

    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 1;

    /** An input could not be read, an output could not be written, or a service failed. */
    public static final int IO = 2;

    /** Finished, but some records were dead-lettered (see the dead-letter output). */
    public static final int DEAD_LETTERS = 3;
}
