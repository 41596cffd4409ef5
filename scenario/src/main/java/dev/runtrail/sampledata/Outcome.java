package dev.runtrail.sampledata;

/** How one task attempt ends. */
enum Outcome {
    SUCCESS,
    /** The remote command failed: the session exists, the attempt fails. */
    REMOTE_FAILURE,
    /** The hook could not connect: no session at all. */
    CONNECT_FAILURE
}
