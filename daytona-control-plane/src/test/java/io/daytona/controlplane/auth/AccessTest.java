package io.daytona.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
    private static Caller caller(Permission... permissions) {
        return new Caller("user", "org", Set.of(permissions), "key");
    }

    @Test
    void anAlternativePermissionIsEnough() {
        // Push access serves both a snapshot's build and a sandbox created from an Image.
        Access pushAccess = Access.organization(Permission.WRITE_SNAPSHOTS, Permission.WRITE_SANDBOXES);
        assertThatCode(() -> pushAccess.check(caller(Permission.WRITE_SNAPSHOTS))).doesNotThrowAnyException();
        assertThatCode(() -> pushAccess.check(caller(Permission.WRITE_SANDBOXES))).doesNotThrowAnyException();
        assertThatThrownBy(() -> pushAccess.check(caller(Permission.WRITE_VOLUMES)))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("write:snapshots (or write:sandboxes)");
    }

    @Test
    void withoutAlternativesOnlyThePermissionItselfIsEnough() {
        Access write = Access.organization(Permission.WRITE_SNAPSHOTS);
        assertThatThrownBy(() -> write.check(caller(Permission.WRITE_SANDBOXES)))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("lacks the permission write:snapshots;");
        assertThatCode(() -> Access.organization().check(caller())).doesNotThrowAnyException();
    }
}
