package dev.runtrail.ingest;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.SourceRef;

/**
 * Adds what every event carries regardless of format: the raw record ({@code event.original}), its
 * SHA-256 ({@code event.hash}), the dataset, the source position, and a deterministic id when the
 * parser did not derive a better one.
 */
public final class EventStamp {
    private EventStamp() {}

    /**
     * @param original the raw record as text, exactly as received
     * @param raw the raw bytes that {@code event.hash} covers
     */
    public static EcsDocument stamp(
            EcsDocument event,
            String original,
            byte[] raw,
            SourceRef source,
            long position,
            String format,
            String dataset) {
        return stamp(event, original, raw, 0, raw.length, source, position, format, dataset);
    }

    /**
     * Like {@link #stamp(EcsDocument, String, byte[], SourceRef, long, String, String)}, with the
     * raw record given as a slice of a larger buffer (e.g. an EVTX chunk), so it need not be copied
     * out only to be hashed.
     */
    public static EcsDocument stamp(
            EcsDocument event,
            String original,
            byte[] raw,
            int rawOffset,
            int rawLength,
            SourceRef source,
            long position,
            String format,
            String dataset) {
        event.put(Ecs.EVENT_ORIGINAL, original);
        String hash = Hashing.sha256Hex(raw, rawOffset, rawLength);
        event.put(Ecs.EVENT_HASH, hash);
        Object parsedDataset = event.get(Ecs.EVENT_DATASET);
        if (parsedDataset == null) {
            event.put(Ecs.EVENT_DATASET, dataset);
        }
        event.put(Ecs.RUNTRAIL_FORMAT, format);
        event.put(Ecs.RUNTRAIL_SOURCE, source.name());
        event.put(Ecs.RUNTRAIL_SOURCE_POSITION, position);
        if (event.id() == null) {
            String eventDataset = parsedDataset == null ? dataset : parsedDataset.toString();
            event.id(defaultId(event, eventDataset, source, position, hash));
        }
        event.put(Ecs.EVENT_ID, event.id());
        return event;
    }

    /**
     * The id of a record whose parser derived none. Where the record and its position identify it
     * on their own, the id leaves out where the file lies, so that importing the same export again
     * from another folder or mount gives the same ids instead of a second copy of every record:
     *
     * <ul>
     *   <li>a task-log line whose attempt is known (DAG, task and try; the path or the line says
     *       so): that attempt, the line's byte offset in its log and its SHA-256;
     *   <li>a proxy access-log line: its dataset, the file's folder and name, offset and SHA-256.
     *       The folder keeps apart replicas whose logs hold the same health-check line at the same
     *       offset.
     *   <li>an Airflow connection: the file's folder and name, its conn id and SHA-256; a changed
     *       definition is another observation.
     * </ul>
     *
     * Anything else keeps the source's identity (its path) and the position, as before: a task-log
     * line whose attempt is unknown may be word for word the same as the first line of any other
     * log.
     */
    static String defaultId(
            EcsDocument event, String dataset, SourceRef source, long position, String hash) {
        if (TASK_DATASET.equals(dataset)) {
            // The attempt key stands for DAG, run, task, map index and try: with the offset and
            // the line's hash it fits two SHA-256 blocks (a longer id measured 8% of a line).
            String attempt = event.getString(Ecs.RUNTRAIL_ATTEMPT_KEY);
            if (attempt != null) {
                return Hashing.idBuilder().part(attempt).part(position).part(hash).build();
            }
            String dag = event.getString(Ecs.AIRFLOW_DAG_ID);
            String task = event.getString(Ecs.AIRFLOW_TASK_ID);
            Long tryNumber = event.getLong(Ecs.AIRFLOW_TRY_NUMBER);
            if (dag != null && task != null && tryNumber != null) {
                // no run id (templates before 2.2 name the logical date instead)
                Long mapIndex = event.getLong(Ecs.AIRFLOW_MAP_INDEX);
                return Hashing.idBuilder()
                        .part("airflow-task-line")
                        .part(dag)
                        .part(orEmpty(event.getString(Ecs.AIRFLOW_LOGICAL_DATE)))
                        .part(task)
                        .part(mapIndex == null ? -1 : mapIndex)
                        .part(tryNumber)
                        .part(position)
                        .part(hash)
                        .build();
            }
        } else if (dataset != null && dataset.startsWith(PROXY_DATASETS)) {
            // half the line's hash (128 bits, as many as the id keeps) so that the id's input
            // stays within two SHA-256 blocks (a third block cost about 5% of a proxy line)
            return Hashing.idBuilder()
                    .part(dataset)
                    .part(folderAndName(source.identity()))
                    .part(position)
                    .part(hash.substring(0, 32))
                    .build();
        } else if (CONNECTION_DATASET.equals(dataset) && event.has(Ecs.AIRFLOW_CONN_ID)) {
            return Hashing.docId(
                    "airflow-connection",
                    folderAndName(source.identity()),
                    event.getString(Ecs.AIRFLOW_CONN_ID),
                    hash);
        }
        return Hashing.docId(source.identity(), Long.toString(position));
    }

    private static final String TASK_DATASET = "airflow.task";
    private static final String PROXY_DATASETS = "proxy.";
    private static final String CONNECTION_DATASET = "airflow.connection";

    /**
     * The last two parts of a path ({@code proxy-a/access.log}): the same when the export's root
     * moves, different for two replicas' logs kept side by side, whose lines can be word for word
     * the same at the same offset (a load balancer's health check after a shared rotation).
     */
    static String folderAndName(String path) {
        int name = path.lastIndexOf('/');
        if (name <= 0) {
            return path;
        }
        int folder = path.lastIndexOf('/', name - 1);
        return path.substring(folder + 1);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
