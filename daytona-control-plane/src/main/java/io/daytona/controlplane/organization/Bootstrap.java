package io.daytona.controlplane.organization;

import io.daytona.controlplane.auth.ApiKeyRepository;
import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * First start: an admin user, its organization and an admin API key with every permission.
 * The key is shown once and written to a file readable only by the server's user.
 */
public final class Bootstrap {
    public static final String ADMIN_KEY_FILE = "admin-api-key";

    private Bootstrap() {}

    /** Creates the admin if the database has no user yet; returns the new key, if one was made. */
    public static Optional<String> ensureAdmin(Jdbi jdbi, Path dataDirectory, Clock clock) throws IOException {
        String key = ApiKeys.generate();
        boolean created = jdbi.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM app_user").mapTo(Long.class).one() > 0) {
                return false;
            }
            Instant now = clock.instant();
            String userId = UUID.randomUUID().toString();
            String organizationId = UUID.randomUUID().toString();
            OrganizationRepository.insertUser(handle, userId, "admin", "admin@localhost", "admin", now);
            OrganizationRepository.insertOrganization(handle, organizationId, "Personal", true, userId, null, now);
            OrganizationRepository.insertMember(handle, organizationId, userId, "owner", java.util.List.of(), now);
            ApiKeyRepository.insert(handle, organizationId, userId, "admin", key, EnumSet.allOf(Permission.class), now, null);
            return true;
        });
        if (!created) {
            return Optional.empty();
        }
        writeKeyFile(dataDirectory.resolve(ADMIN_KEY_FILE), key);
        return Optional.of(key);
    }

    private static void writeKeyFile(Path file, String key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
