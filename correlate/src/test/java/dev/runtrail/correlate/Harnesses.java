package dev.runtrail.correlate;

import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** Test harnesses for the correlation operators, keyed by String. */
public final class Harnesses {
    private Harnesses() {}

    public static KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> oneInput(
            KeyedProcessFunction<String, EcsDocument, EcsDocument> fn,
            KeySelector<EcsDocument, String> key)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(fn), key, Types.STRING);
        h.setup(Tags.DOCUMENT.createSerializer(h.getExecutionConfig().getSerializerConfig()));
        h.open();
        return h;
    }

    public static <A, B> KeyedTwoInputStreamOperatorTestHarness<String, A, B, EcsDocument> twoInput(
            KeyedCoProcessFunction<String, A, B, EcsDocument> fn,
            KeySelector<A, String> key1,
            KeySelector<B, String> key2)
            throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, A, B, EcsDocument> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(fn), key1, key2, Types.STRING);
        h.setup(Tags.DOCUMENT.createSerializer(h.getExecutionConfig().getSerializerConfig()));
        h.open();
        return h;
    }

    /** The values of a side output, in emission order. */
    public static <T> List<T> side(AbstractStreamOperatorTestHarness<?> h, OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            for (StreamRecord<T> r : records) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /** The main output values, in emission order. */
    public static List<EcsDocument> main(AbstractStreamOperatorTestHarness<EcsDocument> h) {
        return h.extractOutputValues();
    }
}
