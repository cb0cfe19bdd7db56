package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.files.Match;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFinderTest {
    @TempDir
    Path root;

    @Test
    void reportsEveryMatchingLineWithItsNumberInWalkOrder() throws IOException {
        Files.writeString(root.resolve("b.txt"), "one TODO\ntwo\r\nthree TODO\r\nTODO last");
        Files.createDirectories(root.resolve("a/sub"));
        Files.writeString(root.resolve("a/sub/c.py"), "# TODO: fix\n");
        assertThat(find("proj", "TODO")).containsExactly(
                new Match("proj/a/sub/c.py", 1, "# TODO: fix"),
                new Match("proj/b.txt", 1, "one TODO"),
                new Match("proj/b.txt", 3, "three TODO"),
                new Match("proj/b.txt", 4, "TODO last"));
    }

    @Test
    void skipsFilesWithANulInTheirFirst512BytesOnly() throws IOException {
        byte[] binary = "TODO\n\0rest".getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("binary.bin"), binary);
        byte[] late = new byte[700];
        java.util.Arrays.fill(late, (byte) 'x');
        late[600] = 0;
        byte[] tail = "\nTODO here".getBytes(StandardCharsets.UTF_8);
        byte[] lateNul = new byte[late.length + tail.length];
        System.arraycopy(late, 0, lateNul, 0, late.length);
        System.arraycopy(tail, 0, lateNul, late.length, tail.length);
        Files.write(root.resolve("late-nul.txt"), lateNul);
        Files.write(root.resolve("empty.txt"), new byte[0]);
        assertThat(find(".", "TODO")).containsExactly(new Match("late-nul.txt", 2, "TODO here"));
    }

    @Test
    void searchesBytesSoInvalidUtf8AndLongLinesDoNotStopTheFile() throws IOException {
        byte[] invalid = {(byte) 0xff, 'T', 'O', 'D', 'O', '\n'};
        Files.write(root.resolve("latin.txt"), invalid);
        String longLine = "x".repeat(TextFinder.MAX_LINE_BYTES + 10) + "TODO";
        Files.writeString(root.resolve("long.txt"), "TODO first\n" + longLine + "\nTODO after\n");
        assertThat(find(".", "TODO")).containsExactly(
                new Match("latin.txt", 1, "\uFFFDTODO"),
                new Match("long.txt", 1, "TODO first"),
                new Match("long.txt", 3, "TODO after"));
    }

    @Test
    void doesNotFollowSymbolicLinksBelowTheRootButFollowsTheRoot() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret.txt"), "TODO outside\n");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link.txt"), outside.resolve("secret.txt"));
        assertThat(find(".", "TODO")).isEmpty();

        List<Match> viaLinkRoot = new ArrayList<>();
        TextFinder.find(root.resolve("link"), "link", new BytePattern("TODO"), viaLinkRoot::add);
        assertThat(viaLinkRoot).containsExactly(new Match("link/secret.txt", 1, "TODO outside"));
    }

    @Test
    void aMissingRootIsA404() {
        assertThatThrownBy(() -> TextFinder.find(root.resolve("missing"), "missing", new BytePattern("x"), match -> {}))
                .isInstanceOf(ServiceException.class).hasMessageContaining("No such file or directory");
    }

    private List<Match> find(String display, String pattern) throws IOException {
        List<Match> matches = new ArrayList<>();
        TextFinder.find(root, display, new BytePattern(pattern), matches::add);
        return matches;
    }
}
