package dev.runtrail.bench;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Winlogbeat NDJSON to ECS events, as {@code runtrail parse} reads it: one operation reads the
 * whole input (held in memory, so disk speed does not count) through the {@code winlogbeat-json}
 * format, hashing and stamping every event. The {@code records} counter gives records per second,
 * {@code recordsTotal / cpuMillis * 1000} records per CPU second (see {@link CpuTime}); divide
 * {@code gc.alloc.rate.norm} by the record count for allocation per event.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar WinlogbeatParse -p path=FILE} (without {@code
 * path}, a generated 8.x-shaped file of {@code lines} events: 4624/4634/4672/4688 mixed).
 */
public class WinlogbeatParse extends OneThreadThroughput {
    /** An NDJSON file to parse; empty for the generated input. */
    @Param({""})
    public String path;

    /** Events in the generated input. */
    @Param({"20000"})
    public int lines;

    /** The format under test (also {@code nxlog-json}, {@code windows-xml} on matching files). */
    @Param({"winlogbeat-json"})
    public String format;

    private byte[] input;
    private Format parser;

    @Setup
    public void load() throws IOException {
        input = path.isEmpty() ? generate(lines) : Files.readAllBytes(Path.of(path));
        parser =
                Formats.byName(format)
                        .orElseThrow(() -> new IllegalArgumentException("No format " + format));
    }

    @Benchmark
    public void parse(RecordCounts counts, Finishing finishing, CpuTime cpu, Blackhole bh)
            throws IOException {
        InputSource source = InputSource.of(SourceRef.of("bench"), "bench.ndjson", input);
        try (RecordReader reader = parser.open(source)) {
            counts.drain(reader, finishing, cpu, bh);
        }
    }

    /** Winlogbeat 8.x documents with realistic EventData and a rendered message. */
    static byte[] generate(int n) {
        StringBuilder sb = new StringBuilder(n * 1600);
        int[] ids = {4624, 4672, 4688, 4634};
        for (int i = 0; i < n; i++) {
            int id = ids[i % ids.length];
            String logonId = "0x" + Integer.toHexString(0x100000 + i);
            sb.append("{\"@timestamp\":\"2024-05-01T12:")
                    .append(
                            String.format(
                                    "%02d:%02d.%03d", i / 60000 % 60, i / 1000 % 60, i % 1000))
                    .append("Z\",\"agent\":{\"type\":\"winlogbeat\",\"version\":\"8.15.0\"},")
                    .append("\"event\":{\"code\":\"")
                    .append(id)
                    .append(
                            "\",\"kind\":\"event\",\"provider\":\"Microsoft-Windows-Security-Auditing\",")
                    .append("\"created\":\"2024-05-01T12:00:05.000Z\",\"outcome\":\"success\"},")
                    .append(
                            "\"host\":{\"name\":\"win-01.corp.example\"},\"log\":{\"level\":\"information\"},")
                    .append(
                            "\"message\":\"An account was successfully logged on.\\n\\nSubject:\\n\\tSecurity ID:")
                    .append(
                            "\\t\\tS-1-5-18\\n\\tAccount Name:\\t\\tWIN-01$\\n\\tLogon ID:\\t\\t0x3E7\\n\\n")
                    .append(
                            "Logon Information:\\n\\tLogon Type:\\t\\t3\\n\\tElevated Token:\\t\\tYes\\n\",")
                    .append(
                            "\"winlog\":{\"channel\":\"Security\",\"computer_name\":\"WIN-01.corp.example\",")
                    .append("\"event_id\":\"")
                    .append(id)
                    .append("\",\"record_id\":")
                    .append(1_000_000 + i)
                    .append(",\"provider_name\":\"Microsoft-Windows-Security-Auditing\",")
                    .append(
                            "\"provider_guid\":\"{54849625-5478-4994-a5ba-3e3b0328c30d}\",\"task\":\"Logon\",")
                    .append("\"opcode\":\"Info\",\"keywords\":[\"Audit Success\"],")
                    .append(
                            "\"process\":{\"pid\":640,\"thread\":{\"id\":712}},\"api\":\"wineventlog\",")
                    .append(
                            "\"event_data\":{\"SubjectUserSid\":\"S-1-5-18\",\"SubjectUserName\":\"WIN-01$\",")
                    .append("\"SubjectDomainName\":\"CORP\",\"SubjectLogonId\":\"0x3e7\",")
                    .append("\"TargetUserSid\":\"S-1-5-21-1-2-3-")
                    .append(1000 + i % 50)
                    .append("\",\"TargetUserName\":\"svc_")
                    .append(i % 50)
                    .append("\",\"TargetDomainName\":\"CORP\",\"TargetLogonId\":\"")
                    .append(logonId)
                    .append("\",\"LogonType\":\"3\",\"LogonProcessName\":\"Kerberos\",")
                    .append("\"AuthenticationPackageName\":\"Kerberos\",\"WorkstationName\":\"-\",")
                    .append("\"LogonGuid\":\"{4925F3AF-5C7D-5820-132B-7C9C02DED4B0}\",")
                    .append("\"ProcessId\":\"0x0\",\"ProcessName\":\"-\",\"IpAddress\":\"10.1.")
                    .append(i % 200)
                    .append('.')
                    .append(i % 250)
                    .append("\",\"IpPort\":\"")
                    .append(50000 + i % 10000)
                    .append("\",\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",")
                    .append("\"CommandLine\":\"cmd.exe /c airflow tasks run etl load run_")
                    .append(i)
                    .append("\",\"PrivilegeList\":[\"SeBackupPrivilege\",\"SeDebugPrivilege\"],")
                    .append("\"ImpersonationLevel\":\"%%1833\",\"ElevatedToken\":\"%%1842\"}}}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
