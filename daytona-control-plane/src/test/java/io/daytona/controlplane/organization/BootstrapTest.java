package io.daytona.controlplane.organization;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.persistence.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
    @TempDir
    Path data;

    @Test
    void createsTheAdminKeyOnceAndStoresItReadableOnlyByTheOwner() throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(data.resolve("db")))) {
            Optional<String> key = Bootstrap.ensureAdmin(database.jdbi(), data, Clock.systemUTC());
            assertThat(key).hasValueSatisfying(k -> assertThat(k).matches("dtn_[0-9a-f]{64}"));

            Path file = data.resolve(Bootstrap.ADMIN_KEY_FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(key.get());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            var caller = new Authenticator(database.jdbi(), Clock.systemUTC()).authenticate(Optional.of("Bearer " + key.get()));
            assertThat(caller.permissions()).containsExactlyInAnyOrder(Permission.values());

            assertThat(Bootstrap.ensureAdmin(database.jdbi(), data, Clock.systemUTC())).isEmpty();
            assertThat(Files.readString(file).strip()).isEqualTo(key.get());
        }
    }
}
