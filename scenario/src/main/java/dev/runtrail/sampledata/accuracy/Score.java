package dev.runtrail.sampledata.accuracy;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision and recall of one kind of link, overall and per match method. Per-method rows count
 * predictions by the method the correlator claimed and expectations by the method the ground truth
 * says a perfect correlator needs.
 */
public record Score(int truePositives, int predicted, int expected, Map<String, int[]> byMethod) {

    public Score {
        byMethod = new TreeMap<>(byMethod);
    }

    public double precision() {
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    public double recall() {
        return expected == 0 ? 1.0 : (double) truePositives / expected;
    }

    @Override
    public String toString() {
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "precision %.4f (%d/%d), recall %.4f (%d/%d)",
                                precision(),
                                truePositives,
                                predicted,
                                recall(),
                                truePositives,
                                expected));
        byMethod.forEach(
                (method, c) ->
                        b.append(
                                String.format(
                                        Locale.ROOT,
                                        "%n    %-26s correct %4d  claimed %4d  expected %4d",
                                        method,
                                        c[0],
                                        c[1],
                                        c[2])));
        return b.toString();
    }
}
