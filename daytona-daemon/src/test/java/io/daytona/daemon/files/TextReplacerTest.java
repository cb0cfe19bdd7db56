package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.toolbox.files.ReplaceResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReplacerTest {
    @TempDir
    Path dir;

    @Test
    void replacesEveryOccurrenceLikeStringsReplaceAll() throws IOException {
        assertThat(replace("aaaa", "aa", "b", 64)).isEqualTo("bb");
        assertThat(replace("hello world, hello", "hello", "bye", 64)).isEqualTo("bye world, bye");
        assertThat(replace("nothing here", "zzz", "y", 64)).isEqualTo("nothing here");
        assertThat(replace("x.x.x", ".", "", 64)).isEqualTo("xxx");
        assertThat(replace("grüße", "ü", "ue", 64)).isEqualTo("grueße");
    }

    @Test
    void findsOccurrencesThatStraddleTheReadBuffer() throws IOException {
        String text = "0123456789".repeat(50) + "NEEDLE" + "abc".repeat(7) + "NEEDLE";
        String expected = text.replace("NEEDLE", "pin");
        for (int buffer = 1; buffer <= 20; buffer++) {
            assertThat(replace(text, "NEEDLE", "pin", buffer)).as("buffer %d", buffer).isEqualTo(expected);
            assertThat(replace(text, "0", "", buffer)).as("buffer %d", buffer).isEqualTo(text.replace("0", ""));
        }
    }

    @Test
    void rewritesTheFileInPlaceKeepingItsModeAndLeavesUntouchedFilesAlone() throws IOException {
        Path file = dir.resolve("script.sh");
        Files.writeString(file, "echo OLD\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        Object inode = Files.getAttribute(file, "unix:ino");
        TextReplacer replacer = new TextReplacer(dir);

        assertThat(replacer.replace(file, "script.sh", new BytePattern("OLD"), "NEW")).isEqualTo(ReplaceResult.succeeded("script.sh"));
        assertThat(Files.readString(file)).isEqualTo("echo NEW\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);

        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);
        assertThat(replacer.replace(file, "script.sh", new BytePattern("absent"), "x").success()).isTrue();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        try (var scratch = Files.list(dir)) {
            assertThat(scratch.map(p -> p.getFileName().toString())).containsExactly("script.sh");
        }
    }

    @Test
    void reportsFilesItCannotReadWithoutFailingTheOthers() {
        TextReplacer replacer = new TextReplacer(dir);
        ReplaceResult missing = replacer.replace(dir.resolve("missing.txt"), "missing.txt", new BytePattern("a"), "b");
        assertThat(missing.success()).isFalse();
        assertThat(missing.file()).isEqualTo("missing.txt");
        assertThat(missing.error()).contains("No such file or directory");
        ReplaceResult directory = replacer.replace(dir, "dir", new BytePattern("a"), "b");
        assertThat(directory.success()).isFalse();
        assertThat(directory.error()).contains("Is a directory");
    }

    private String replace(String text, String pattern, String replacement, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextReplacer(dir, bufferSize).copyReplacing(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out,
                new BytePattern(pattern), replacement.getBytes(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
