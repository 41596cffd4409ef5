package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioConfigTest {
    @Test
    void rejectsImpossibleSizesWithAReadableMessage() {
        assertThatThrownBy(() -> new ScenarioConfig(1, LocalDate.of(2024, 1, 1), 0, 5, 3, 1))
                .hasMessage("The scenario must cover at least one day, got 0.");
        assertThatThrownBy(() -> new ScenarioConfig(1, LocalDate.of(2024, 1, 1), 1, 5, 1, 1))
                .hasMessage("The number of Windows hosts must be between 2 and 200, got 1.");
        assertThatThrownBy(() -> new ScenarioConfig(1, LocalDate.of(2024, 1, 1), 1, 5, 3, 0))
                .hasMessage("The scale must be greater than 0 and at most 1000, got 0.0.");
    }

    @Test
    void refusesToWriteIntoAForeignNonEmptyFolder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> Scenario.generate(ScenarioConfig.BUNDLED, tmp))
                .hasMessageContaining("is not empty and holds no earlier scenario");
    }
}
