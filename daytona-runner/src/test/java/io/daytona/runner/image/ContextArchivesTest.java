package io.daytona.runner.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchivesTest {
    @TempDir
    Path temp;

    @Test
    void extractsFilesWithoutDirectoryEntriesAndNothingOutsideTheTarget() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Path target = Files.createDirectory(temp.resolve("target"));
        Path archive = temp.resolve("context.tar");
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            file(tar, "tmp/x/data.txt", "data");
            file(tar, "../evil.txt", "evil");
            TarArchiveEntry link = new TarArchiveEntry("escape", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry inner = new TarArchiveEntry("inner", TarArchiveEntry.LF_SYMLINK);
            inner.setLinkName("tmp");
            tar.putArchiveEntry(inner);
            tar.closeArchiveEntry();
            file(tar, "inner/through-link.txt", "nope");
        }
        List<String> log = new ArrayList<>();
        ImageBuilds.ContextArchives.extract(archive, target, log::add);
        assertThat(Files.readString(target.resolve("tmp/x/data.txt"))).isEqualTo("data");
        assertThat(temp.resolve("evil.txt")).doesNotExist();
        assertThat(target.resolve("escape")).doesNotExist();
        assertThat(target.resolve("tmp/through-link.txt")).doesNotExist();
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(log).hasSize(3);
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
