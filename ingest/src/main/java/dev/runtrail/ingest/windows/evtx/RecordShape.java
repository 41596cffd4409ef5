package dev.runtrail.ingest.windows.evtx;

/**
 * Where each piece of a walked event record belongs, decided from the element structure alone: the
 * {@code System} header field an attribute or element text fills, or the {@code EventData} / {@code
 * UserData} key a value is stored under. {@link WindowsRecordCollector} asks it while a record is
 * walked; {@link TemplatePlan} asks it once per template, so both follow the same rules.
 *
 * <p>EventData: a {@code Data} element by its {@code Name} attribute, unnamed ones {@code
 * param1..N}, other elements by their name. UserData: the leaf elements under its single child
 * element, by element name. {@code Message} (rendered events) at the third level.
 */
final class RecordShape {
    /** Targets: what a value is for. {@link #NONE} values are only rendered. */
    static final int NONE = 0;

    static final int PROVIDER_NAME = 1;
    static final int PROVIDER_GUID = 2;
    static final int TIME_CREATED = 3;
    static final int PROCESS_ID = 4;
    static final int THREAD_ID = 5;
    static final int USER_ID = 6;

    /** The {@code Name} attribute of an EventData element: the key of its value. */
    static final int DATA_NAME = 7;

    static final int EVENT_ID = 8;
    static final int VERSION = 9;
    static final int LEVEL = 10;
    static final int TASK = 11;
    static final int OPCODE = 12;
    static final int KEYWORDS = 13;
    static final int EVENT_RECORD_ID = 14;
    static final int CHANNEL = 15;
    static final int COMPUTER = 16;

    /** An EventData or UserData value, stored under {@link #key()}. */
    static final int EVENT_DATA = 17;

    static final int MESSAGE = 18;

    private static final int SECTION_NONE = 0;
    private static final int SECTION_SYSTEM = 1;
    private static final int SECTION_EVENT_DATA = 2;
    private static final int SECTION_USER_DATA = 3;

    /** System children whose text is a field, and those whose attributes are. */
    private static final int CHILD_OTHER = 0;

    private static final int CHILD_PROVIDER = 1;
    private static final int CHILD_TIME_CREATED = 2;
    private static final int CHILD_EXECUTION = 3;
    private static final int CHILD_SECURITY = 4;

    private int depth;
    private int section;
    private boolean leaf;
    private String dataName;
    private int unnamed;

    /** For a System child: its attribute owner kind, or the text target it fills. */
    private int systemChild;

    private int systemText;
    private String key;

    void reset() {
        depth = 0;
        section = SECTION_NONE;
        leaf = false;
        dataName = null;
        unnamed = 0;
        systemChild = CHILD_OTHER;
        systemText = NONE;
        key = null;
    }

    void start(String name) {
        depth++;
        leaf = true;
        if (depth == 2) {
            section =
                    switch (name) {
                        case "System" -> SECTION_SYSTEM;
                        case "EventData" -> SECTION_EVENT_DATA;
                        case "UserData" -> SECTION_USER_DATA;
                        default -> SECTION_NONE;
                    };
        } else if (depth == 3) {
            if (section == SECTION_SYSTEM) {
                classifySystemChild(name);
            } else if (section == SECTION_EVENT_DATA) {
                dataName = null;
            }
        }
    }

    /** How many elements are open. */
    int depth() {
        return depth;
    }

    /** The target of an attribute of the element just started. */
    int attribute(String name) {
        if (depth != 3) {
            return NONE;
        }
        if (section == SECTION_EVENT_DATA) {
            return name.equals("Name") ? DATA_NAME : NONE;
        }
        if (section != SECTION_SYSTEM) {
            return NONE;
        }
        return switch (systemChild) {
            case CHILD_PROVIDER ->
                    name.equals("Name")
                            ? PROVIDER_NAME
                            : name.equals("Guid") ? PROVIDER_GUID : NONE;
            case CHILD_TIME_CREATED -> name.equals("SystemTime") ? TIME_CREATED : NONE;
            case CHILD_EXECUTION ->
                    name.equals("ProcessID")
                            ? PROCESS_ID
                            : name.equals("ThreadID") ? THREAD_ID : NONE;
            case CHILD_SECURITY -> name.equals("UserID") ? USER_ID : NONE;
            default -> NONE;
        };
    }

    /** The value of the {@link #DATA_NAME} attribute just seen. */
    void dataName(String value) {
        dataName = value;
    }

    /**
     * Ends the current element and returns the target of its text; for {@link #EVENT_DATA} the key
     * is then {@link #key()}.
     */
    int end(String name) {
        boolean wasLeaf = leaf;
        int target = NONE;
        if (depth == 3 && section == SECTION_SYSTEM) {
            target = systemText;
        } else if (depth == 3 && section == SECTION_EVENT_DATA) {
            key = dataName;
            if (key == null) {
                key = name.equals("Data") ? "param" + (++unnamed) : name;
            }
            target = EVENT_DATA;
        } else if (depth >= 4 && section == SECTION_USER_DATA && wasLeaf) {
            key = name;
            target = EVENT_DATA;
        } else if (depth == 3 && name.equals("Message")) {
            target = MESSAGE;
        }
        leaf = false;
        depth--;
        return target;
    }

    /** The EventData key of the last {@link #EVENT_DATA} target. */
    String key() {
        return key;
    }

    /**
     * Which System child this is, worked out once per element so that its attributes and text are
     * dispatched on an int rather than by comparing strings again.
     */
    private void classifySystemChild(String name) {
        systemChild = CHILD_OTHER;
        systemText = NONE;
        switch (name) {
            case "Provider" -> systemChild = CHILD_PROVIDER;
            case "TimeCreated" -> systemChild = CHILD_TIME_CREATED;
            case "Execution" -> systemChild = CHILD_EXECUTION;
            case "Security" -> systemChild = CHILD_SECURITY;
            case "EventID" -> systemText = EVENT_ID;
            case "Version" -> systemText = VERSION;
            case "Level" -> systemText = LEVEL;
            case "Task" -> systemText = TASK;
            case "Opcode" -> systemText = OPCODE;
            case "Keywords" -> systemText = KEYWORDS;
            case "EventRecordID" -> systemText = EVENT_RECORD_ID;
            case "Channel" -> systemText = CHANNEL;
            case "Computer" -> systemText = COMPUTER;
            default -> {}
        }
    }
}
