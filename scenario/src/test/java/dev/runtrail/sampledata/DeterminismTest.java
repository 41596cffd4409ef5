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

    /**
     * Writes seed 8 into one folder, then replaces it with seed 7 and writes seed 7 again
     * elsewhere: the two seed-7 trees must be byte-identical, and differ from seed 8.
     */
    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedAnotherWorld(@TempDir Path tmp)
            throws IOException {
        Scenario.generate(SMALL.withSeed(8L), tmp.resolve("a"));
        String otherTruth = Files.readString(tmp.resolve("a/truth.json"));
        Scenario.generate(SMALL, tmp.resolve("a"));
        Scenario.generate(SMALL, tmp.resolve("b"));
        assertSameTree(tmp.resolve("a"), tmp.resolve("b"));
        assertThat(Files.readString(tmp.resolve("a/truth.json"))).isNotEqualTo(otherTruth);
    }

    /**
     * The committed sample-data/ must be exactly what the generator writes for the bundled
     * configuration; when this fails, regenerate it (see sample-data/README.md) and commit.
     */
    @Test
    void bundledScenarioIsInSyncWithTheGenerator(@TempDir Path tmp) throws IOException {
        Path bundled = Path.of("../sample-data");
        assertThat(bundled.resolve("truth.json"))
                .as("bundled scenario in " + bundled.toAbsolutePath())
                .exists();
        Path fresh = tmp.resolve("fresh");
        Scenario.generate(ScenarioConfig.BUNDLED, fresh);
        // The bundled folder also holds its README and git attributes, which the generator does
        // not write.
        for (String extra : new String[] {"README.md", ".gitattributes"}) {
            Files.copy(bundled.resolve(extra), fresh.resolve(extra));
        }
        assertSameTree(bundled, fresh);
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
