package io.daytona.controlplane.auth;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.controlplane.persistence.Database;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {
    @TempDir
    Path data;

    @Test
    void refusesMissingMalformedAndUnknownCredentialsWith401() {
        try (Database database = Database.open(TestDatabases.fresh(data))) {
            Authenticator authenticator = new Authenticator(database.jdbi(), Clock.systemUTC());
            assertUnauthorized(() -> authenticator.authenticate(Optional.empty()), "Authorization: Bearer");
            assertUnauthorized(() -> authenticator.authenticate(Optional.of("Basic abc")), "Bearer <api key>");
            assertUnauthorized(() -> authenticator.authenticate(Optional.of("Bearer eyJhbGciOi.x.y")), "dtn_");
            assertUnauthorized(() -> authenticator.authenticate(Optional.of("Bearer " + ApiKeys.generate())), "Invalid API key");
        }
    }

    @Test
    void permissionsRoundTripThroughTheirWireNames() {
        Set<Permission> all = Set.of(Permission.values());
        assertThat(Authenticator.parsePermissions(Authenticator.formatPermissions(all))).isEqualTo(all);
        assertThat(Permission.WRITE_SANDBOXES.wireValue()).isEqualTo("write:sandboxes");
        assertThat(Permission.READ_AUDIT_LOGS.wireValue()).isEqualTo("read:audit_logs");
        assertThat(Authenticator.parsePermissions("write:sandboxes, nonsense")).containsExactly(Permission.WRITE_SANDBOXES);
    }

    @Test
    void aCallerWithoutAPermissionGets403NamingIt() {
        Caller caller = new Caller("u", "o", Set.of(Permission.WRITE_SANDBOXES), "k");
        caller.require(Permission.WRITE_SANDBOXES);
        assertThatThrownBy(() -> caller.require(Permission.DELETE_SANDBOXES))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("delete:sandboxes");
    }

    private static void assertUnauthorized(Runnable call, String hint) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessageContaining(hint);
    }
}
