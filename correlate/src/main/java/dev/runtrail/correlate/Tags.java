package dev.runtrail.correlate;

import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.correlate.link.SessionLink;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.ingest.flink.EcsDocumentTypeInfo;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs between the correlation operators, and the type information they travel with. */
public final class Tags {
    private Tags() {}

    /** Documents travel with the dedicated serializer of the ingest module, not Kryo. */
    public static final TypeInformation<EcsDocument> DOCUMENT = EcsDocumentTypeInfo.INSTANCE;

    public static final TypeInformation<AttemptWindow> WINDOW =
            TypeInformation.of(AttemptWindow.class);

    public static final TypeInformation<SessionLink> LINK = TypeInformation.of(SessionLink.class);

    public static final TypeInformation<SessionState> SESSION =
            TypeInformation.of(SessionState.class);

    /**
     * Session states from the session builder to the linker, which renders them: a compact record
     * travels and is kept instead of the whole document.
     */
    public static final OutputTag<SessionState> SESSION_SNAPSHOTS =
            new OutputTag<>("session-snapshots", SESSION);

    /** Attempt snapshots from the attempt builder to the attempt records and the runs. */
    public static final OutputTag<EcsDocument> ATTEMPT_SNAPSHOTS =
            new OutputTag<>("attempt-snapshots", DOCUMENT);

    /** Attempt windows, one per host an attempt touched, from the attempt builder to the linker. */
    public static final OutputTag<AttemptWindow> ATTEMPT_WINDOWS =
            new OutputTag<>("attempt-windows", WINDOW);

    /** Link decisions from the linker to the attempt records. */
    public static final OutputTag<SessionLink> SESSION_LINKS =
            new OutputTag<>("session-links", LINK);

    /** Run records from the run builder. */
    public static final OutputTag<EcsDocument> RUN_RECORDS = new OutputTag<>("runs", DOCUMENT);
}
