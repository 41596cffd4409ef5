package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    private static final ScenarioConfig SMALL =
            new ScenarioConfig(7L, LocalDate.of(2024, 6, 3), 1, 5, 3, 0.5);

    @Test
    void sameSeedWritesTheSameBytes(@TempDir Path tmp) throws IOException {
        Scenario.generate(SMALL, tmp.resolve("a"));
        Scenario.generate(SMALL, tmp.resolve("b"));
        assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void anotherSeedWritesAnotherWorld(@TempDir Path tmp) throws IOException {
        Scenario.generate(SMALL, tmp.resolve("a"));
        Scenario.generate(SMALL.withSeed(8L), tmp.resolve("b"));
        assertThat(Files.readString(tmp.resolve("a/truth.json")))
                .isNotEqualTo(Files.readString(tmp.resolve("b/truth.json")));
    }

    @Test
    void regeneratingReplacesAnEarlierScenario(@TempDir Path tmp) throws IOException {
        Scenario.generate(SMALL.withSeed(8L), tmp.resolve("a"));
        Scenario.generate(SMALL, tmp.resolve("a"));
        Scenario.generate(SMALL, tmp.resolve("b"));
        assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
    }

    /**
     * The committed sample-data/scenario/ must be exactly what the generator writes for the bundled
     * configuration; when this fails, regenerate it (see sample-data/README.md) and commit.
     */
    @Test
    void bundledScenarioIsInSyncWithTheGenerator(@TempDir Path tmp) throws IOException {
        Path bundled = Path.of("scenario");
        assertThat(bundled.resolve("truth.json"))
                .as("bundled scenario in " + bundled.toAbsolutePath())
                .exists();
        Scenario.generate(ScenarioConfig.BUNDLED, tmp.resolve("fresh"));
        assertSameTree(bundled, tmp.resolve("fresh"));
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        List<Path> expectedFiles = files(expected);
        assertThat(files(actual)).isEqualTo(expectedFiles);
        for (Path relative : expectedFiles) {
            assertArrayEquals(
                    Files.readAllBytes(expected.resolve(relative)),
                    Files.readAllBytes(actual.resolve(relative)),
                    "bytes of " + relative);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
