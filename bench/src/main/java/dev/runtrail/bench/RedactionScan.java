package dev.runtrail.bench;

import dev.runtrail.ingest.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The redaction rules' scan for literals over whole records ({@code ValueRedaction.leavesAlone},
 * which the Winlogbeat reader runs on every line before it reads it): one operation scans every
 * text. {@code recordsTotal} counts characters here, so {@code recordsTotal / cpuMillis * 1000} is
 * characters per CPU second and its inverse the cost per character.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar RedactionScan -p input=winlogbeat,xml} (generated
 * as by {@link WinlogbeatParse} and {@link WindowsXmlParse}), or {@code -p input=FILE}: one text
 * per line.
 */
public class RedactionScan extends OneThreadThroughput {
    /** {@code winlogbeat} or {@code xml} for generated records, else a file of one per line. */
    @Param({"winlogbeat"})
    public String input;

    private List<String> texts;
    private long characters;
    private Redactor.ValueRedaction redaction;

    @Setup
    public void load() throws IOException {
        texts =
                switch (input) {
                    case "winlogbeat" -> split(WinlogbeatParse.generate(2000), "\n");
                    case "xml" -> split(WindowsXmlParse.generate(2000), "(?=<Event )");
                    default -> Files.readAllLines(Path.of(input), StandardCharsets.UTF_8);
                };
        characters = texts.stream().mapToLong(String::length).sum();
        redaction = Redactor.defaults().forValues();
    }

    /** The generated records, split where {@code regex} matches. */
    private static List<String> split(byte[] generated, String regex) {
        return List.of(new String(generated, StandardCharsets.UTF_8).split(regex));
    }

    @Benchmark
    public void scan(CpuTime cpu, Blackhole bh) {
        for (String text : texts) {
            bh.consume(redaction.leavesAlone(text));
        }
        cpu.update(characters);
    }
}
