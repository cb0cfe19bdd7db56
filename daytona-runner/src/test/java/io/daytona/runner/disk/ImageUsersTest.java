package io.daytona.runner.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and working directories read off an image's root filesystem. */
class ImageUsersTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    @Test
    void aMissingWorkingDirectoryIsMadeForTheSandboxUser() throws IOException {
        Files.createDirectories(root.resolve("home/daytona"));
        ImageUsers.User user = new ImageUsers.User("1000:1000", "/home/daytona");

        ImageUsers.ensureWorkingDirectory(root, "/home/daytona/work/app", user);

        Path made = root.resolve("home/daytona/work/app");
        assertThat(made).isDirectory();
        assertThat(Files.getAttribute(made, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1000);
        assertThat(Files.getAttribute(root.resolve("home/daytona/work"), "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1000);
        ImageUsers.ensureWorkingDirectory(root, "/", user);
    }

    @Test
    void aWorkingDirectoryIsNeverMadeThroughASymbolicLink() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> ImageUsers.ensureWorkingDirectory(root, "/escape/work", new ImageUsers.User("1000:1000", "/")))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThat(outside.resolve("work")).doesNotExist();
    }
}
