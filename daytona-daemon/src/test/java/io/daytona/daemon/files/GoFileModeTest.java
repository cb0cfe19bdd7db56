package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoFileModeTest {
    @Test
    void rendersFileTypesAndPermissionsAsGoDoes() {
        assertThat(GoFileMode.format(0100644)).isEqualTo("-rw-r--r--");
        assertThat(GoFileMode.format(0100000)).isEqualTo("----------");
        assertThat(GoFileMode.format(040755)).isEqualTo("drwxr-xr-x");
        assertThat(GoFileMode.format(0120777)).isEqualTo("Lrwxrwxrwx");
        assertThat(GoFileMode.format(010644)).isEqualTo("prw-r--r--");
        assertThat(GoFileMode.format(0140755)).isEqualTo("Srwxr-xr-x");
        assertThat(GoFileMode.format(060660)).isEqualTo("Drw-rw----");
    }

    @Test
    void putsSpecialBitsInGoOrderBeforeThePermissions() {
        assertThat(GoFileMode.format(041777)).as("/tmp").isEqualTo("dtrwxrwxrwx");
        assertThat(GoFileMode.format(020666)).as("/dev/null").isEqualTo("Dcrw-rw-rw-");
        assertThat(GoFileMode.format(0104755)).as("sudo").isEqualTo("urwxr-xr-x");
        assertThat(GoFileMode.format(042775)).isEqualTo("dgrwxrwxr-x");
        assertThat(GoFileMode.format(0106755)).isEqualTo("ugrwxr-xr-x");
    }

    @Test
    void permissionsAreFourOctalDigitsOfThePermissionBitsOnly() {
        assertThat(GoFileMode.permissions(0100644)).isEqualTo("0644");
        assertThat(GoFileMode.permissions(041777)).isEqualTo("0777");
        assertThat(GoFileMode.permissions(0100000)).isEqualTo("0000");
        assertThat(GoFileMode.isDirectory(040700)).isTrue();
        assertThat(GoFileMode.isDirectory(0100700)).isFalse();
    }
}
