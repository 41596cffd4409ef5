package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPathTemplateTest {
    private static final LogPathTemplate V23 = LogPathTemplate.compile(LogPathTemplate.AIRFLOW_2_3);
    private static final LogPathTemplate V20 = LogPathTemplate.compile(LogPathTemplate.AIRFLOW_2_0);
    private static final LogPathTemplate V110 =
            LogPathTemplate.compile(LogPathTemplate.AIRFLOW_1_10);

    @Test
    void airflow23PathWithoutMapIndex() {
        PathIdentity id =
                V23.match(
                                "/opt/airflow/logs/dag_id=etl/run_id=manual__2024-05-01T12:00:00+00:00/"
                                        + "task_id=group.load/attempt=2.log")
                        .orElseThrow();
        assertThat(id)
                .isEqualTo(
                        new PathIdentity(
                                "etl",
                                "manual__2024-05-01T12:00:00+00:00",
                                "group.load",
                                -1,
                                2L,
                                null));
    }

    @Test
    void airflow23PathWithMapIndex() {
        PathIdentity id =
                V23.match("logs/dag_id=etl/run_id=r1/task_id=t/map_index=7/attempt=1.log")
                        .orElseThrow();
        assertThat(id.mapIndex()).isEqualTo(7);
        assertThat(id.runId()).isEqualTo("r1");
        assertThat(id.tryNumber()).isEqualTo(1L);
    }

    @Test
    void pathsInTurnEachGetTheirOwnIdentity() {
        String a = "logs/dag_id=etl/run_id=r1/task_id=t/attempt=1.log";
        String b = "logs/dag_id=etl/run_id=r2/task_id=u/map_index=3/attempt=2.log";
        String none = "logs/scheduler/latest.log";
        for (int round = 0; round < 3; round++) {
            assertThat(V23.match(a).orElseThrow().runId()).isEqualTo("r1");
            assertThat(V23.match(a).orElseThrow().taskId()).isEqualTo("t");
            assertThat(V23.match(b).orElseThrow().runId()).isEqualTo("r2");
            assertThat(V23.match(b).orElseThrow().mapIndex()).isEqualTo(3);
            assertThat(V23.match(none)).isEmpty();
            assertThat(V23.match(none)).isEmpty();
            assertThat(V23.match(a).orElseThrow().tryNumber()).isEqualTo(1L);
        }
    }

    @Test
    void threadsMatchingTheirOwnPathsInTurnEachGetTheirOwnIdentity() throws Exception {
        String[] paths = {
            "logs/dag_id=etl/run_id=r1/task_id=t/attempt=1.log",
            "logs/dag_id=load/run_id=r2/task_id=u/map_index=3/attempt=2.log"
        };
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (String path : paths) {
                String dag = path.substring("logs/dag_id=".length(), path.indexOf("/run_id"));
                done.add(
                        pool.submit(
                                () -> {
                                    int wrong = 0;
                                    for (int i = 0; i < 20_000; i++) {
                                        if (!V23.match(path).orElseThrow().dagId().equals(dag)) {
                                            wrong++;
                                        }
                                    }
                                    return wrong;
                                }));
            }
            for (var f : done) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void windowsSeparatorsAreSeparators() {
        PathIdentity id =
                V23.match("C:\\airflow\\logs\\dag_id=etl\\run_id=r1\\task_id=t\\attempt=3.log")
                        .orElseThrow();
        assertThat(id.dagId()).isEqualTo("etl");
        assertThat(id.taskId()).isEqualTo("t");
        assertThat(id.tryNumber()).isEqualTo(3L);
    }

    @Test
    void airflow20PathGivesLogicalDateNotRunId() {
        PathIdentity id =
                V20.match("/logs/my_dag/my_task/2021-03-23T07:56:28.535261+00:00/1.log")
                        .orElseThrow();
        assertThat(id.dagId()).isEqualTo("my_dag");
        assertThat(id.taskId()).isEqualTo("my_task");
        assertThat(id.runId()).isNull();
        assertThat(id.logicalDate()).isEqualTo(Instant.parse("2021-03-23T07:56:28.535261Z"));
        assertThat(id.tryNumber()).isEqualTo(1L);
    }

    @Test
    void airflow110Path() {
        PathIdentity id =
                V110.match("D:\\logs\\example\\print_date\\2020-03-06T01:00:00+00:00\\4.log")
                        .orElseThrow();
        assertThat(id.dagId()).isEqualTo("example");
        assertThat(id.taskId()).isEqualTo("print_date");
        assertThat(id.logicalDate()).isEqualTo(Instant.parse("2020-03-06T01:00:00Z"));
        assertThat(id.tryNumber()).isEqualTo(4L);
        assertThat(id.mapIndex()).isEqualTo(-1);
    }

    @Test
    void olderTemplatesDoNotMatchTheNewLayout() {
        assertThat(V20.match("dag_id=a/run_id=b/task_id=c/attempt=1.log")).isEmpty();
        assertThat(V23.match("a/c/2021-03-23T07:56:28+00:00/1.log")).isEmpty();
        assertThat(V23.match("dag_id=a/run_id=b/task_id=c/attempt=x.log")).isEmpty();
    }

    @Test
    void customTemplate() {
        LogPathTemplate custom =
                LogPathTemplate.compile(
                        "{{ ti.dag_id }}/{{ ti.run_id }}/{{ ti.task_id }}/"
                                + "{% if ti.map_index >= 0 %}{{ ti.map_index }}/{% endif %}"
                                + "{{ try_number }}.txt");
        PathIdentity mapped =
                custom.match("/x/etl/scheduled__2024-01-01/load/4/2.txt").orElseThrow();
        assertThat(mapped.dagId()).isEqualTo("etl");
        assertThat(mapped.runId()).isEqualTo("scheduled__2024-01-01");
        assertThat(mapped.taskId()).isEqualTo("load");
        assertThat(mapped.mapIndex()).isEqualTo(4);
        assertThat(mapped.tryNumber()).isEqualTo(2L);
        assertThat(custom.match("/x/etl/r/load/2.log")).isEmpty();
    }

    @Test
    void unsupportedJinjaIsRejectedWithASentence() {
        assertThatThrownBy(() -> LogPathTemplate.compile("{% for x in y %}{{ x }}{% endfor %}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "uses the Jinja tag {% for x in y %}, which is not supported");
        assertThatThrownBy(() -> LogPathTemplate.compile("{{ ti.dag_id }/x.log"))
                .hasMessageContaining("unclosed tag");
        assertThatThrownBy(() -> LogPathTemplate.compile(" "))
                .hasMessageContaining("must not be empty");
    }
}
