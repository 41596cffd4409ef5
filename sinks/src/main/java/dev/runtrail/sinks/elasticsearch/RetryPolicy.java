package dev.runtrail.sinks.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential backoff for retryable bulk failures: the n-th retry waits {@code initial * 2^(n-1)},
 * capped at {@code max}.
 *
 * @param maxAttempts tries of one document before the sink gives up and fails the job
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {

    /** The wait before try number {@code attempt + 1}, after {@code attempt} failed tries. */
    public Duration backoff(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        long initial = Math.max(1, initialBackoff.toMillis());
        int shift = Math.min(attempt - 1, 30);
        long millis = initial << shift;
        if (millis <= 0 || millis > maxBackoff.toMillis()) {
            millis = maxBackoff.toMillis();
        }
        return Duration.ofMillis(millis);
    }

    /** Whether a document that has failed {@code attempts} times may be tried again. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }
}
