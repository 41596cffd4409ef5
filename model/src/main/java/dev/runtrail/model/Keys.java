package dev.runtrail.model;

/**
 * Correlation keys shared by parsers and correlation: the deterministic ids of a DAG run, a task
 * attempt and a logon session. Every stage computes them the same way, so records about the same
 * thing meet under one id.
 */
public final class Keys {
    private Keys() {}

    /** The id of a DAG run. */
    public static String run(String dagId, String runId) {
        return Hashing.docId("run", dagId, runId);
    }

    /** The id of one task attempt; {@code mapIndex} is -1 for unmapped tasks. */
    public static String attempt(
            String dagId, String runId, String taskId, long mapIndex, long tryNumber) {
        return Hashing.docId(
                "attempt", dagId, runId, taskId, Long.toString(mapIndex), Long.toString(tryNumber));
    }

    /**
     * The id of a Windows logon session: logon ids are unique per host per boot, so the logon time
     * is part of the key.
     *
     * @param host normalized host name
     * @param logonId normalized logon id (lower-case hex with 0x)
     * @param logonTimeMillis logon time, epoch milliseconds
     */
    public static String session(String host, String logonId, long logonTimeMillis) {
        return Hashing.docId("session", host, logonId, Long.toString(logonTimeMillis));
    }
}
