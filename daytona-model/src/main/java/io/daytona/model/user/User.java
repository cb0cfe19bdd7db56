package io.daytona.model.user;

import java.time.Instant;
import java.util.List;

/** A user, as {@code GET /api/users/me} shows it. */
public record User(String id, String name, String email, List<UserPublicKey> publicKeys, Instant createdAt) {
    public User {
        publicKeys = List.copyOf(publicKeys);
    }
}
