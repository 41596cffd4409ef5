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
 * Windows event XML to ECS events, as {@code runtrail parse} reads it: one operation reads the
 * whole input (held in memory) through the {@code windows-xml} format, hashing and stamping every
 * event. The {@code records} counter gives records per second, {@code recordsTotal / cpuMillis *
 * 1000} records per CPU second (see {@link CpuTime}); divide {@code gc.alloc.rate.norm} by the
 * record count for allocation per event.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar WindowsXmlParse -p path=FILE} (without {@code
 * path}, a generated stream of {@code events} rendered Security events in the shape {@code wevtutil
 * qe Security /f:RenderedXml} writes: one element per line, single-quoted attributes, 4624, 4672,
 * 4688 and 4634 mixed).
 */
public class WindowsXmlParse extends OneThreadThroughput {
    /** A Windows event XML file to parse; empty for the generated input. */
    @Param({""})
    public String path;

    /** Events in the generated input. */
    @Param({"20000"})
    public int events;

    private byte[] input;
    private Format parser;

    @Setup
    public void load() throws IOException {
        input = path.isEmpty() ? generate(events) : Files.readAllBytes(Path.of(path));
        parser =
                Formats.byName("windows-xml")
                        .orElseThrow(() -> new IllegalStateException("No windows-xml format"));
    }

    @Benchmark
    public void parse(RecordCounts counts, Finishing finishing, CpuTime cpu, Blackhole bh)
            throws IOException {
        InputSource source = InputSource.of(SourceRef.of("bench"), "bench.xml", input);
        try (RecordReader reader = parser.open(source)) {
            counts.drain(reader, finishing, cpu, bh);
        }
    }

    /** Rendered Security events, one {@code <Event>} per line. */
    static byte[] generate(int n) {
        StringBuilder sb = new StringBuilder(n * 2600);
        int[] ids = {4624, 4672, 4688, 4634};
        for (int i = 0; i < n; i++) {
            int id = ids[i % ids.length];
            String logonId = "0x" + Integer.toHexString(0x100000 + i);
            String time =
                    String.format(
                            "2024-05-01T12:%02d:%02d.%03d1234Z",
                            i / 60000 % 60, i / 1000 % 60, i % 1000);
            sb.append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>")
                    .append("<System><Provider Name='Microsoft-Windows-Security-Auditing'")
                    .append(" Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>")
                    .append(id)
                    .append("</EventID><Version>2</Version><Level>0</Level><Task>")
                    .append(id == 4688 ? 13312 : id == 4672 ? 12548 : 12544)
                    .append("</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>")
                    .append("<TimeCreated SystemTime='")
                    .append(time)
                    .append("'/><EventRecordID>")
                    .append(1_000_000 + i)
                    .append("</EventRecordID><Correlation ActivityID='{F2A3C1D0-1B2C-0001-")
                    .append("9A3B-A1B2C3D4E5F6}'/><Execution ProcessID='640' ThreadID='712'/>")
                    .append("<Channel>Security</Channel><Computer>WIN-01.corp.example</Computer>")
                    .append("<Security/></System><EventData>");
            data(sb, "SubjectUserSid", "S-1-5-18");
            data(sb, "SubjectUserName", "WIN-01$");
            data(sb, "SubjectDomainName", "CORP");
            data(sb, "SubjectLogonId", "0x3e7");
            switch (id) {
                case 4624 -> {
                    data(sb, "TargetUserSid", "S-1-5-21-1-2-3-" + (1000 + i % 50));
                    data(sb, "TargetUserName", "svc_" + i % 50);
                    data(sb, "TargetDomainName", "CORP");
                    data(sb, "TargetLogonId", logonId);
                    data(sb, "LogonType", "3");
                    data(sb, "LogonProcessName", "Kerberos");
                    data(sb, "AuthenticationPackageName", "Kerberos");
                    data(sb, "WorkstationName", "-");
                    data(sb, "LogonGuid", "{4925F3AF-5C7D-5820-132B-7C9C02DED4B0}");
                    data(sb, "TransmittedServices", "-");
                    data(sb, "LmPackageName", "-");
                    data(sb, "KeyLength", "0");
                    data(sb, "ProcessId", "0x0");
                    data(sb, "ProcessName", "-");
                    data(sb, "IpAddress", "10.1." + i % 200 + "." + i % 250);
                    data(sb, "IpPort", String.valueOf(50000 + i % 10000));
                    data(sb, "ImpersonationLevel", "%%1833");
                    data(sb, "ElevatedToken", "%%1842");
                }
                case 4672 ->
                        data(
                                sb,
                                "PrivilegeList",
                                "SeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeDebugPrivilege");
                case 4688 -> {
                    data(sb, "NewProcessId", "0x" + Integer.toHexString(0x1000 + i % 4096));
                    data(sb, "NewProcessName", "C:\\Windows\\System32\\cmd.exe");
                    data(sb, "TokenElevationType", "%%1936");
                    data(sb, "ProcessId", "0x1a4");
                    data(
                            sb,
                            "CommandLine",
                            "cmd.exe /c \"airflow tasks run etl load run_" + i + "\" &gt; out.log");
                    data(sb, "TargetUserSid", "S-1-0-0");
                    data(sb, "TargetUserName", "-");
                    data(sb, "TargetDomainName", "-");
                    data(sb, "TargetLogonId", "0x0");
                    data(sb, "ParentProcessName", "C:\\Windows\\System32\\services.exe");
                    data(sb, "MandatoryLabel", "S-1-16-16384");
                }
                default -> {
                    data(sb, "TargetUserSid", "S-1-5-21-1-2-3-" + (1000 + i % 50));
                    data(sb, "TargetUserName", "svc_" + i % 50);
                    data(sb, "TargetDomainName", "CORP");
                    data(sb, "TargetLogonId", logonId);
                    data(sb, "LogonType", "3");
                }
            }
            sb.append("</EventData><RenderingInfo Culture='en-US'><Message>")
                    .append(message(id))
                    .append("</Message><Level>Information</Level><Task>")
                    .append(
                            id == 4688
                                    ? "Process Creation"
                                    : id == 4672 ? "Special Logon" : "Logon")
                    .append("</Task><Opcode>Info</Opcode><Channel>Security</Channel>")
                    .append("<Provider>Microsoft Windows security auditing.</Provider>")
                    .append("<Keywords><Keyword>Audit Success</Keyword></Keywords>")
                    .append("</RenderingInfo></Event>\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void data(StringBuilder sb, String name, String value) {
        sb.append("<Data Name='").append(name).append("'>").append(value).append("</Data>");
    }

    private static String message(int id) {
        String subject =
                "Subject:\n\tSecurity ID:\t\tS-1-5-18\n\tAccount Name:\t\tWIN-01$\n"
                        + "\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x3E7\n\n";
        return switch (id) {
            case 4624 ->
                    "An account was successfully logged on.\n\n"
                            + subject
                            + "Logon Information:\n\tLogon Type:\t\t3\n"
                            + "\tElevated Token:\t\tYes\n\nThis event is generated when a logon"
                            + " session is created. It is generated on the computer that was"
                            + " accessed.";
            case 4672 ->
                    "Special privileges assigned to new logon.\n\n"
                            + subject
                            + "Privileges:\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege";
            case 4688 ->
                    "A new process has been created.\n\nCreator "
                            + subject
                            + "Process Information:\n\tNew Process Name:\t"
                            + "C:\\Windows\\System32\\cmd.exe\n\tToken Elevation Type:\t%%1936";
            default ->
                    "An account was logged off.\n\n"
                            + subject
                            + "This event is generated when a logon session is destroyed.";
        };
    }
}
