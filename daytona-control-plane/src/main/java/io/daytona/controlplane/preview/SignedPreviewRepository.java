package io.daytona.controlplane.preview;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** SQL for signed preview URLs, stored by the SHA-256 hash of their token. */
public final class SignedPreviewRepository {
    /**
     * A stored signed URL.
     *
     * @param sandboxId the sandbox it opens
     * @param port the port it opens
     * @param expiresAt when it stops working
     */
    public record StoredUrl(String sandboxId, int port, Instant expiresAt) {}

    private final Jdbi jdbi;

    public SignedPreviewRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Stores a signed URL, dropping the expired ones of the sandbox. */
    public void insert(String tokenHash, String sandboxId, int port, Instant expiresAt, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM signed_preview_url WHERE sandbox_id = :sandbox AND expires_at <= :now")
                    .bind("sandbox", sandboxId)
                    .bind("now", now)
                    .execute();
            handle.createUpdate("""
                            INSERT INTO signed_preview_url (token_hash, sandbox_id, port, expires_at, created_at)
                            VALUES (:hash, :sandbox, :port, :expiresAt, :now)""")
                    .bind("hash", tokenHash)
                    .bind("sandbox", sandboxId)
                    .bind("port", port)
                    .bind("expiresAt", expiresAt)
                    .bind("now", now)
                    .execute();
        });
    }

    public Optional<StoredUrl> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT sandbox_id, port, expires_at FROM signed_preview_url WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new StoredUrl(rs.getString("sandbox_id"), rs.getInt("port"), rs.getTimestamp("expires_at").toInstant()))
                .findFirst());
    }

    /** Expires one signed URL of a sandbox's port; returns whether it existed. */
    public boolean delete(String sandboxId, int port, String tokenHash) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM signed_preview_url WHERE sandbox_id = :sandbox AND port = :port AND token_hash = :hash")
                .bind("sandbox", sandboxId)
                .bind("port", port)
                .bind("hash", tokenHash)
                .execute() == 1);
    }
}
