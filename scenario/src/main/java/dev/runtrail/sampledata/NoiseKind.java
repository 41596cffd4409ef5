package dev.runtrail.sampledata;

/** Background sessions that belong to no DAG run; the names are the truth {@code kind} values. */
enum NoiseKind {
    MONITORING("monitoring"),
    SYSTEM("system"),
    LOCAL_SERVICE("local_service"),
    ANONYMOUS("anonymous"),
    MACHINE_ACCOUNT("machine_account"),
    HUMAN_RDP("human_rdp");

    private final String key;

    NoiseKind(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
