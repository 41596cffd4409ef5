package dev.runtrail.correlate;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * At most one event-time timer per key, at or before the key's next deadline. A deadline that moves
 * later keeps the earlier timer (it fires, finds nothing due and re-arms), so a stream of events
 * does not delete and re-register a timer each time.
 */
public final class TimerSlot {
    private final String name;
    private ValueState<Long> registered;

    public TimerSlot(String name) {
        this.name = name;
    }

    /** Declares the state; call from {@code open(OpenContext)}. */
    public void open(RuntimeContext context) {
        registered = context.getState(new ValueStateDescriptor<>(name, Types.LONG));
    }

    /** Makes sure a timer fires no later than {@code deadline} ({@link Long#MAX_VALUE}: none). */
    public void arm(TimerService timers, long deadline) throws Exception {
        Long current = registered.value();
        if (current != null && current <= deadline) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        if (deadline == Long.MAX_VALUE) {
            registered.clear();
        } else {
            timers.registerEventTimeTimer(deadline);
            registered.update(deadline);
        }
    }

    /**
     * The event time an {@code onTimer} call acts at: the watermark that fired the timer, which is
     * at or after the timer's own time. In a bounded (batch) run Flink fires a key's timers once,
     * at the end of the key with the watermark at {@link Long#MAX_VALUE}, and ignores timers
     * registered from then on; acting at the timer's own time would leave every later deadline of
     * the key unserved.
     */
    public static long firedAt(long timestamp, TimerService timers) {
        return Math.max(timestamp, timers.currentWatermark());
    }

    /** Call first in {@code onTimer}: the timer that fired is gone. */
    public void fired(long timestamp) throws Exception {
        Long current = registered.value();
        if (current != null && current == timestamp) {
            registered.clear();
        }
    }

    /** Deletes the timer and its state; for keys whose state is cleared. */
    public void clear(TimerService timers) throws Exception {
        Long current = registered.value();
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        registered.clear();
    }
}
