package dev.runtrail.correlate.link;

import java.util.Objects;

/**
 * A link decision between one session and one attempt, sent to the attempt's record: {@link
 * #linked} true adds the session to the attempt, false withdraws an earlier link. A Flink POJO.
 */
public class SessionLink {
    public String attemptKey;
    public String sessionKey;
    public String method;
    public double confidence;
    public boolean linked;

    /**
     * Orders the decisions about one session: higher is later. A bounded run leaves records of
     * equal time in no fixed order, and a link and its withdrawal can carry the same time.
     */
    public long sequence;

    public SessionLink() {}

    public SessionLink(
            String attemptKey,
            String sessionKey,
            String method,
            double confidence,
            boolean linked) {
        this.attemptKey = attemptKey;
        this.sessionKey = sessionKey;
        this.method = method;
        this.confidence = confidence;
        this.linked = linked;
    }

    public SessionLink withSequence(long value) {
        this.sequence = value;
        return this;
    }

    /** Equal decisions; the sequence is left out. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionLink l
                && linked == l.linked
                && Double.compare(confidence, l.confidence) == 0
                && Objects.equals(attemptKey, l.attemptKey)
                && Objects.equals(sessionKey, l.sessionKey)
                && Objects.equals(method, l.method);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attemptKey, sessionKey, method, linked);
    }

    @Override
    public String toString() {
        return (linked ? "link " : "unlink ") + sessionKey + " -> " + attemptKey + " " + method;
    }
}
