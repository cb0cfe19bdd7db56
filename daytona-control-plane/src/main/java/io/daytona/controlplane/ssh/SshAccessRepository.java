package io.daytona.controlplane.ssh;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** SQL for SSH access tokens, stored by their SHA-256 hash. */
public final class SshAccessRepository {
    /**
     * A stored access.
     *
     * @param id its id
     * @param sandboxId the sandbox it opens
     * @param expiresAt when it stops working
     */
    public record StoredAccess(String id, String sandboxId, Instant expiresAt) {}

    private final Jdbi jdbi;

    public SshAccessRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Stores an access, dropping the sandbox's accesses that have expired. */
    public void insert(String id, String sandboxId, String tokenHash, Instant expiresAt, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM ssh_access WHERE sandbox_id = :sandbox AND expires_at <= :now")
                    .bind("sandbox", sandboxId)
                    .bind("now", now)
                    .execute();
            handle.createUpdate("""
                            INSERT INTO ssh_access (id, sandbox_id, token_hash, expires_at, created_at, updated_at)
                            VALUES (:id, :sandbox, :hash, :expiresAt, :now, :now)""")
                    .bind("id", id)
                    .bind("sandbox", sandboxId)
                    .bind("hash", tokenHash)
                    .bind("expiresAt", expiresAt)
                    .bind("now", now)
                    .execute();
        });
    }

    public Optional<StoredAccess> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, sandbox_id, expires_at FROM ssh_access WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new StoredAccess(rs.getString("id"), rs.getString("sandbox_id"),
                        rs.getTimestamp("expires_at").toInstant()))
                .findFirst());
    }

    /** Revokes one token of the sandbox; returns how many were revoked (0 or 1). */
    public int delete(String sandboxId, String tokenHash) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM ssh_access WHERE sandbox_id = :sandbox AND token_hash = :hash")
                .bind("sandbox", sandboxId)
                .bind("hash", tokenHash)
                .execute());
    }

    /** Revokes every token of the sandbox. */
    public int deleteAll(String sandboxId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM ssh_access WHERE sandbox_id = :sandbox")
                .bind("sandbox", sandboxId)
                .execute());
    }
}
