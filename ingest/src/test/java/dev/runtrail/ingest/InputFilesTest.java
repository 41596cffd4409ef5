package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.ingest.InputFiles.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private List<String> listed(Path... paths) throws IOException {
        List<String> names = new ArrayList<>();
        for (InputFile f : InputFiles.list(List.of(paths))) {
            names.add(dir.relativize(f.path()).toString());
        }
        return names;
    }

    @Test
    void listsEveryFileBelowADirectoryInPathOrderWithItsSizeAndModificationTime()
            throws IOException {
        write("b/z.log", "zz");
        write("a/y/x.log", "xxx");
        write("a/w.log", "w");
        Path deep = write("c/1/2/3/4/deep.log", "deeper");
        Files.setLastModifiedTime(deep, FileTime.fromMillis(1_700_000_000_123L));

        List<InputFile> files = InputFiles.list(List.of(dir));

        assertThat(files)
                .extracting(f -> dir.relativize(f.path()).toString())
                .containsExactly("a/w.log", "a/y/x.log", "b/z.log", "c/1/2/3/4/deep.log");
        assertThat(files).extracting(InputFile::size).containsExactly(1L, 3L, 2L, 6L);
        assertThat(files.get(3).lastModifiedMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(InputFiles.totalSize(files)).isEqualTo(12);
    }

    @Test
    void dotFilesAndDotDirectoriesBelowANamedDirectoryAreSkippedButANamedOneIsRead()
            throws IOException {
        write("a.log", "a");
        write(".hidden.log", "h");
        write(".git/objects/x", "x");
        write("sub/.partial.log", "p");
        Path named = write(".named/in.log", "n");

        assertThat(listed(dir)).containsExactly("a.log");
        assertThat(listed(dir.resolve(".hidden.log"))).containsExactly(".hidden.log");
        // a directory named with a dot is read when it is the input itself
        assertThat(listed(named.getParent())).containsExactly(".named/in.log");
    }

    @Test
    void anIgnoreFileSkipsWhatItsGlobsMatchRelativeToItsDirectoryAndEverythingBelow()
            throws IOException {
        write(
                InputFiles.IGNORE_FILE,
                "# not exports\n\ntruth.json\n*.md\ndocs\nlogs/**/skip-*.log\n");
        write("truth.json", "{}");
        write("README.md", "#");
        write("docs/a.log", "a");
        write("logs/a/keep.log", "k");
        write("logs/a/skip-1.log", "s");
        write("logs/b/c/skip-2.log", "s");
        write("logs/d/e/skip-3.log", "s");
        // a README below the top is not matched by *.md (one path element, relative to the top)
        write("logs/README.md", "#");
        // a nested ignore file adds to the outer one, for its own directory and below
        write("logs/b/" + InputFiles.IGNORE_FILE, "c\n");
        write("logs/b/c/other.log", "o");
        write("logs/b/kept.log", "k");
        write("logs/b/skip-4.log", "s");
        // a directory named like an ignore file is no ignore file (and, a dot-directory, not read)
        write("x/" + InputFiles.IGNORE_FILE + "/inside.log", "i");
        write("x/y.log", "y");

        assertThat(listed(dir))
                .containsExactly("logs/README.md", "logs/a/keep.log", "logs/b/kept.log", "x/y.log");
    }

    @Test
    void linksBelowADirectoryAreNotFollowedButANamedLinkStandsForItsTarget() throws IOException {
        Path target = write("outside/target.log", "twelve bytes");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        write("tree/real.log", "r");
        Files.createSymbolicLink(tree.resolve("file-link.log"), target);
        Files.createSymbolicLink(tree.resolve("dir-link"), target.getParent());

        assertThat(listed(tree)).containsExactly("tree/real.log");
        List<InputFile> named = InputFiles.list(List.of(tree.resolve("file-link.log")));
        assertThat(named).extracting(InputFile::size).containsExactly(12L);
    }

    @Test
    void aMissingInputIsNamedInTheError() {
        Path missing = dir.resolve("no-such-export.evtx");
        assertThatThrownBy(() -> InputFiles.list(List.of(missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("expected a file or a directory");
    }
}
