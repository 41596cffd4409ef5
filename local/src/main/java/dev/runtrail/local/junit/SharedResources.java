package dev.runtrail.local.junit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Naming of per-class prefixes for the shared services. */
final class SharedResources {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SharedResources() {}

    /** A lower-case prefix unique to the test class within this JVM. */
    static String prefixFor(ExtensionContext context) {
        String simple = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        return "it-" + simple.replaceAll("[^a-z0-9]+", "-") + "-" + COUNTER.incrementAndGet();
    }
}
