package dev.runtrail.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every proxy sample whose records parse is detected as its own format. */
class FormatDetectionTest {

    @Test
    void samplesAreDetectedByContent() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(ProxySamples.dir())) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            String expected =
                    n.startsWith("oauth2-proxy_request_logger_test")
                            ? null // no record parses (literal [TIMELESS])
                            : n.startsWith("oauth2-proxy_")
                                    ? OAuth2ProxyFormat.NAME
                                    : n.startsWith("squid_")
                                            ? SquidFormat.NAME
                                            : n.startsWith("nginx_combined")
                                                    ? NginxCombinedFormat.NAME
                                                    : n.startsWith("nginx_json_yesnik")
                                                            ? NginxJsonFormat.NAME
                                                            : null; // the invalid JSON line
            if (expected == null) {
                continue;
            }
            Optional<Format> found = Formats.detect(InputSource.of(f));
            assertThat(found).as(n).isPresent();
            assertThat(found.get().name()).as(n).isEqualTo(expected);
        }
    }

    @Test
    void formatsDoNotClaimEachOthersLines() throws Exception {
        byte[] squid =
                Files.readAllBytes(
                        ProxySamples.sample("squid_access_native_elastic_test-access.log"));
        byte[] nginx =
                Files.readAllBytes(ProxySamples.sample("nginx_combined_elastic_test-access.log"));
        assertThat(new OAuth2ProxyFormat().sniff("x.log", squid)).isZero();
        assertThat(new OAuth2ProxyFormat().sniff("x.log", nginx)).isZero();
        assertThat(new SquidFormat().sniff("x.log", nginx)).isZero();
        assertThat(new NginxCombinedFormat().sniff("x.log", squid)).isZero();
        assertThat(new EnvoyJsonFormat().sniff("x.log", nginx)).isZero();
    }
}
