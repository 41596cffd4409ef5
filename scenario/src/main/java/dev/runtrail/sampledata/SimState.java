package dev.runtrail.sampledata;

import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.world.World;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Mutable facts shared by activities: the world, the random source, long-lived sessions. */
final class SimState {
    final World world;
    final RandomGenerator random;

    /** The Windows worker's Celery service session of the current day, if any. */
    Logon workerService;

    /** The Celery worker process inside {@link #workerService}. */
    SessionWriter.Process celery;

    SimState(World world, RandomGenerator random) {
        this.world = world;
        this.random = random;
    }

    long between(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    /** A random UUID from the seeded source, e.g. a request id. */
    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }
}
