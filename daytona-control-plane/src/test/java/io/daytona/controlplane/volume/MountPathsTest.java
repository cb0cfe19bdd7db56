package io.daytona.controlplane.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import org.junit.jupiter.api.Test;

class MountPathsTest {
    @Test
    void acceptsAbsolutePathsOutsideSystemDirectories() {
        for (String path : new String[] {"/home/daytona/volume", "/mnt/data", "/data", "/libs", "/etcetera/x", "/home/daytona/v/"}) {
            assertThatCode(() -> MountPaths.checkMountPath(path)).as(path).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesEveryDocumentedBadPath() {
        String[][] cases = {
                {"relative", "absolute"}, {"", "required"}, {"/", "root"}, {"//", "root"},
                {"/a/../b", ". or .."}, {"/a/./b", ". or .."}, {"/a/..", ". or .."}, {"/a/.", ". or .."},
                {"/a//b", "consecutive slashes"},
                {"/proc", "/proc"}, {"/sys/x", "/sys"}, {"/dev", "/dev"}, {"/boot/efi", "/boot"}, {"/etc", "/etc"},
                {"/bin/x", "/bin"}, {"/sbin", "/sbin"}, {"/lib", "/lib"}, {"/lib64/x", "/lib64"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> MountPaths.checkMountPath(c[0])).as(c[0])
                    .isInstanceOf(ServiceException.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void subpathsStayInsideTheVolume() {
        assertThat(MountPaths.normalizeSubpath(null)).isEmpty();
        assertThat(MountPaths.normalizeSubpath("/users/alice/")).isEqualTo("users/alice");
        for (String bad : new String[] {"..", "users/../..", "a//b", "./a"}) {
            assertThatThrownBy(() -> MountPaths.normalizeSubpath(bad)).as(bad).isInstanceOf(ServiceException.class);
        }
    }
}
