package dev.runtrail.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {
    @Test
    void atLeastOneOutputIsNeeded() {
        assertThatThrownBy(() -> SinkSettings.from(new Configuration()))
                .hasMessage(
                        "No output is configured: set runtrail.es.hosts,"
                                + " runtrail.kafka.bootstrap-servers or runtrail.out.dir (--es, --kafka"
                                + " or --out).");
    }

    @Test
    void eachConfiguredOutputIsRead() {
        Configuration conf = new Configuration();
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of("http://localhost:9200"));
        conf.set(SinkSettings.NDJSON_DIR, "/tmp/out");
        SinkSettings settings = SinkSettings.from(conf);
        assertThat(settings.elasticsearch()).isPresent();
        assertThat(settings.kafka()).isEmpty();
        assertThat(settings.ndjsonDir()).contains(Path.of("/tmp/out"));
    }
}
