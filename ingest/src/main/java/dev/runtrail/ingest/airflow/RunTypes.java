package dev.runtrail.ingest.airflow;

/**
 * The run type Airflow encodes as the prefix of generated run ids ({@code manual__2024-...}, {@code
 * scheduled__...}). Custom run ids (given by whoever triggered the run) have no known prefix, so
 * their type is unknown.
 */
public final class RunTypes {
    private RunTypes() {}

    /**
     * {@code manual}, {@code scheduled}, {@code backfill}, {@code dataset_triggered}, {@code
     * asset_triggered}, or null.
     */
    public static String fromRunId(String runId) {
        if (runId == null) {
            return null;
        }
        int sep = runId.indexOf("__");
        if (sep <= 0) {
            return null;
        }
        return switch (runId.substring(0, sep)) {
            case "manual" -> "manual";
            case "scheduled" -> "scheduled";
            case "backfill" -> "backfill";
            case "dataset_triggered" -> "dataset_triggered";
            case "asset_triggered" -> "asset_triggered";
            default -> null;
        };
    }
}
