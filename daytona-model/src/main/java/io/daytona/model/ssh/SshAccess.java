package io.daytona.model.ssh;

import java.time.Instant;

/**
 * SSH access to a sandbox ({@code SshAccessDto} on the wire): the token is the SSH user name,
 * e.g. {@code ssh -p 2222 <token>@host}, valid until {@code expiresAt} or revoked.
 *
 * @param id the access's id
 * @param sandboxId the sandbox it opens
 * @param token the token (the SSH user name)
 * @param expiresAt when the token stops working
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param sshCommand the command that connects with it
 */
public record SshAccess(String id, String sandboxId, String token, Instant expiresAt, Instant createdAt, Instant updatedAt,
                        String sshCommand) {}
