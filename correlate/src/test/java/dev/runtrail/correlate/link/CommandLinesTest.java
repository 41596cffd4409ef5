package dev.runtrail.correlate.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLinesTest {
    @Test
    void recognizesTasksRunWithOptionsAndQuotes() {
        assertThat(
                        CommandLines.parse(
                                "C:\\Python311\\Scripts\\airflow.exe tasks run sql_export extract"
                                        + " \"manual__2026-03-02T10:00:00+00:00\" --job-id 12 --raw"
                                        + " --subdir DAGS_FOLDER/sql.py"))
                .isEqualTo(
                        new CommandLines.Invocation(
                                "sql_export", "extract", "manual__2026-03-02T10:00:00+00:00", -1));
        assertThat(
                        CommandLines.parse(
                                "python -m airflow tasks run etl load scheduled__2026-03-01 --map-index 3"))
                .isEqualTo(new CommandLines.Invocation("etl", "load", "scheduled__2026-03-01", 3));
        assertThat(CommandLines.parse("airflow tasks run --local etl load run1 --map-index=7"))
                .isEqualTo(new CommandLines.Invocation("etl", "load", "run1", 7));
    }

    @Test
    void ignoresOtherCommands() {
        assertThat(CommandLines.parse("cmd.exe /c whoami")).isNull();
        assertThat(CommandLines.parse("airflow tasks list etl")).isNull();
        assertThat(CommandLines.parse("airflow tasks run etl")).isNull();
        assertThat(CommandLines.parse("echo tasks run a b c airflow")).isNull();
    }
}
