package dev.runtrail.sampledata.world;

/**
 * One task of a DAG: its id, what it runs remotely (a command line and the executable that shows up
 * in 4688), whether it is mapped (and over how many items), and its typical duration.
 */
public record TaskDef(
        String taskId, String command, String childImage, int mapCount, int typicalSeconds) {

    public boolean mapped() {
        return mapCount > 0;
    }
}
