package io.daytona.daemon.files;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import org.junit.jupiter.api.Test;

class OctalModeTest {
    @Test
    void parsesOctalDigitsWithOrWithoutLeadingZeros() {
        assertThat(OctalMode.parse("755", "mode").bits()).isEqualTo(0755);
        assertThat(OctalMode.parse("0644", "mode").bits()).isEqualTo(0644);
        assertThat(OctalMode.parse("1777", "mode").bits()).isEqualTo(01777);
        assertThat(OctalMode.parse("0", "mode").bits()).isZero();
    }

    @Test
    void rejectsWhatChmodWouldNotTakeSayingWhichParameter() {
        for (String bad : new String[] {"", "8", "abc", "+755", "-1", "17777", "7 55", "0o755"}) {
            assertThatThrownBy(() -> OctalMode.parse(bad, "mode"))
                    .as(bad).isInstanceOf(ServiceException.class).hasMessageContaining("mode must be an octal mode");
        }
    }

    @Test
    void mapsTheLowNineBitsToPosixPermissions() {
        assertThat(OctalMode.parse("755", "mode").permissions())
                .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE, GROUP_READ, GROUP_EXECUTE, OTHERS_READ, OTHERS_EXECUTE);
        assertThat(OctalMode.parse("4400", "mode").permissions()).containsExactly(OWNER_READ);
    }
}
