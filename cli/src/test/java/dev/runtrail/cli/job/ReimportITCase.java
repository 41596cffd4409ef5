package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.templates.EcsMappings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Guarantee: importing the same files again into the same indices changes nothing. */
@RealElasticsearch
class ReimportITCase {
    private static final Logger LOG = LoggerFactory.getLogger(ReimportITCase.class);

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    /** Runs the bounded job (batch mode, as {@code runtrail run}) over files into Elasticsearch. */
    static JobSummary importFiles(List<Path> inputs, String esUrl, String prefix) throws Exception {
        JobSettings settings =
                JobSettings.files(inputs.stream().map(Path::toString).toList(), null, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        SinkSettings sinks =
                SinkSettings.elasticsearchOnly(ElasticsearchSettings.forUrl(esUrl, prefix));
        return AuditJob.run(
                env,
                AuditJob.fileSource(settings),
                settings,
                (docs, revisions) -> Sinks.attach(docs, sinks, revisions),
                "import " + prefix);
    }

    @Test
    void reimportingTheSameFilesGivesTheSameDocumentsAndNoDuplicates(ElasticsearchNode es)
            throws Exception {
        long started = System.nanoTime();
        List<Path> inputs = Scenario.all();
        String prefix = es.indexPrefix() + "-reimport";
        IndexProbe probe = new IndexProbe(es.url());

        JobSummary first = importFiles(inputs, es.url(), prefix);
        Map<Kind, Long> countsAfterFirst = probe.counts(prefix);
        Map<Kind, List<String>> idsAfterFirst = probe.idsByKind(prefix);
        JobSummary second = importFiles(inputs, es.url(), prefix);
        Map<Kind, Long> countsAfterSecond = probe.counts(prefix);
        Map<Kind, List<String>> idsAfterSecond = probe.idsByKind(prefix);

        assertThat(first.read()).isEqualTo(Scenario.records(inputs)).isEqualTo(second.read());
        for (Kind kind : List.of(Kind.EVENTS, Kind.SESSIONS, Kind.ATTEMPTS, Kind.RUNS)) {
            assertThat(countsAfterFirst.get(kind))
                    .as("%s after the first import", kind)
                    .isPositive();
        }
        assertThat(countsAfterFirst.get(Kind.EVENTS)).isEqualTo(first.written(Kind.EVENTS));
        // every field of events and correlated records is declared by the templates: none was
        // mapped on the fly (a mapping update in each new monthly index)
        assertThat(probe.mappedFields(prefix))
                .hasSizeGreaterThan(100)
                .isSubsetOf(EcsMappings.declaredPaths());
        assertThat(countsAfterSecond).isEqualTo(countsAfterFirst);
        for (Kind kind : Kind.values()) {
            List<String> ids = idsAfterSecond.get(kind);
            assertThat(ids).as("ids of %s", kind).doesNotHaveDuplicates();
            assertThat((long) ids.size())
                    .as("ids of %s", kind)
                    .isEqualTo(countsAfterSecond.get(kind));
            assertThat(ids).as("ids of %s", kind).isEqualTo(idsAfterFirst.get(kind));
        }
        LOG.info(
                "Re-import of {} records: counts {} in {} ms",
                first.read(),
                countsAfterSecond,
                (System.nanoTime() - started) / 1_000_000);
    }
}
