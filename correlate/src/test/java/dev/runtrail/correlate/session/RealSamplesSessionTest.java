package dev.runtrail.correlate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Router;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sessions from the real EVTX and Winlogbeat samples in the shared folder: every 4672/4688 whose
 * logon id has a 4624 in the same file must come out attached to a session. The session builder is
 * driven directly (per key, in time order) rather than through Flink.
 */
class RealSamplesSessionTest {
    @Test
    void privilegeAndProcessEventsAttachToTheirLogon() throws IOException {
        Path samples = Path.of(System.getProperty("runtrail.samples", "../shared/samples"));
        Assumptions.assumeTrue(Files.isDirectory(samples), "shared samples absent: " + samples);
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("evtx", "winjson")) {
            try (Stream<Path> s = Files.list(samples.resolve(folder))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        SessionMachine machine = new SessionMachine(CorrelationSettings.defaults());
        int totalAttachable = 0;
        int totalAttached = 0;
        int totalSessions = 0;
        for (Path f : files) {
            Map<String, List<EcsDocument>> byKey = new LinkedHashMap<>();
            Set<String> loggedOn = new HashSet<>();
            try (RecordReader r = FileParser.open(InputSource.of(f), null)) {
                Parsed p;
                while ((p = r.next()) != null) {
                    if (p instanceof EcsDocument d && Router.routeOf(d) == Router.WINDOWS) {
                        String key = Router.sessionKey(d);
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
                        if (SessionMachine.eventCode(d) == 4624) {
                            loggedOn.add(key);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println(f.getFileName() + ": not read (" + e.getMessage() + ")");
                continue;
            }
            int attachable = 0;
            int attached = 0;
            int sessions = 0;
            for (Map.Entry<String, List<EcsDocument>> e : byKey.entrySet()) {
                List<EcsDocument> events = e.getValue();
                events.sort(
                        Comparator.comparing(
                                d -> d.timestamp() == null ? Instant.EPOCH : d.timestamp()));
                List<EcsDocument> out = new ArrayList<>();
                List<EcsDocument> snapshots = new ArrayList<>();
                SessionOutput sink =
                        new SessionOutput() {
                            @Override
                            public void event(EcsDocument event) {
                                out.add(event);
                            }

                            @Override
                            public void session(SessionState snapshot) {
                                snapshots.add(SessionMachine.snapshot(snapshot));
                            }
                        };
                SessionState s = new SessionState();
                for (EcsDocument d : events) {
                    machine.onEvent(s, d, Long.MIN_VALUE, sink);
                }
                machine.onTime(s, Long.MAX_VALUE - 1, sink);
                sessions += (int) snapshots.stream().map(EcsDocument::id).distinct().count();
                for (EcsDocument d : out) {
                    int code = SessionMachine.eventCode(d);
                    if ((code == 4672 || code == 4688) && loggedOn.contains(e.getKey())) {
                        attachable++;
                        if (d.has(Ecs.RUNTRAIL_SESSION_KEY)) {
                            attached++;
                        } else {
                            System.out.println(
                                    "unattached "
                                            + f.getFileName()
                                            + " "
                                            + code
                                            + " "
                                            + e.getKey()
                                            + " at "
                                            + d.timestamp());
                        }
                    }
                }
                assertThat(out).hasSize(events.size());
            }
            if (sessions > 0 || attachable > 0) {
                System.out.printf(
                        "%s: %d sessions, %d of %d 4672/4688 with a logged-on id attached%n",
                        f.getFileName(), sessions, attached, attachable);
            }
            totalAttachable += attachable;
            totalAttached += attached;
            totalSessions += sessions;
        }
        System.out.printf(
                "real samples: %d sessions, %d of %d 4672/4688 attached%n",
                totalSessions, totalAttached, totalAttachable);
        assertThat(totalSessions).isPositive();
        assertThat(totalAttached).isEqualTo(totalAttachable);
    }
}
