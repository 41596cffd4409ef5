package dev.runtrail.bench;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.proxy.OAuth2ProxyFormat;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * oauth2-proxy log lines to ECS events; one operation = one line, so the score is lines/s, {@code
 * gc.alloc.rate.norm} (with {@code -prof gc}) is bytes per line and {@code recordsTotal / cpuMillis
 * * 1000} lines per CPU second. The generated log mixes request lines (90%), {@code [AuthSuccess]}
 * auth lines and standard lines in the shapes oauth2-proxy 7.x writes.
 */
public class OAuth2ProxyParse extends OneThreadThroughput {
    static final int LINES = 100_000;
    private static final String[] PATHS = {
        "/api/v1/dags/etl_daily/dagRuns",
        "/oauth2/auth",
        "/home",
        "/api/v1/dags/load_crm/dagRuns/manual__2024-05-01T12:00:00+00:00/taskInstances",
        "/static/dist/main.js",
        "/oauth2/callback?code=abc123&state=xyz%3A%2F",
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PATCH"};
    private static final String UA =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/120.0.0.0 Safari/537.36";

    private final OAuth2ProxyFormat format = new OAuth2ProxyFormat();
    private InputSource input;

    @Setup
    public void setup() {
        Random random = new Random(11);
        StringBuilder log = new StringBuilder(LINES * 220);
        for (int i = 0; i < LINES; i++) {
            String time = String.format("[2024/05/01 12:%02d:%02d]", (i / 60) % 60, i % 60);
            String ip = "10.1." + random.nextInt(200) + "." + random.nextInt(250);
            String requestId = Long.toHexString(random.nextLong()) + Long.toHexString(i);
            String user = "user" + random.nextInt(40) + "@corp.example";
            int pick = random.nextInt(100);
            if (pick < 90) {
                log.append(ip)
                        .append(" - ")
                        .append(requestId)
                        .append(" - ")
                        .append(pick < 10 ? "-" : user)
                        .append(' ')
                        .append(time)
                        .append(" airflow.corp.example ")
                        .append(METHODS[random.nextInt(METHODS.length)])
                        .append(" 10.2.0.5:8080 \"")
                        .append(PATHS[random.nextInt(PATHS.length)])
                        .append("\" HTTP/1.1 \"")
                        .append(UA)
                        .append("\" ")
                        .append(pick < 5 ? 401 : 200)
                        .append(' ')
                        .append(100 + random.nextInt(5000))
                        .append(" 0.0")
                        .append(10 + random.nextInt(89))
                        .append('\n');
            } else if (pick < 96) {
                log.append(ip)
                        .append(" - ")
                        .append(requestId)
                        .append(" - ")
                        .append(user)
                        .append(' ')
                        .append(time)
                        .append(" [AuthSuccess] Authenticated via OAuth2: Session{email:")
                        .append(user)
                        .append(" user:")
                        .append(user, 0, user.indexOf('@'))
                        .append(" token:true id_token:true}\n");
            } else {
                log.append(time)
                        .append(" [oauthproxy.go:1030] No valid authentication in request.")
                        .append(" Initiating login.\n");
            }
        }
        input =
                InputSource.of(
                        SourceRef.of("oauth2-proxy.log"),
                        "oauth2-proxy.log",
                        log.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parse(RecordCounts counts, Finishing finishing, CpuTime cpu, Blackhole sink)
            throws IOException {
        try (RecordReader reader = format.open(input)) {
            counts.drain(reader, finishing, cpu, sink);
        }
    }
}
