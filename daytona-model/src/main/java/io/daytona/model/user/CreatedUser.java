package io.daytona.model.user;

/**
 * The answer of {@code POST /api/admin/users} (the reference leaves its body empty): the user, its
 * personal organization and an API key with every permission there, shown once. Without an identity
 * provider this key is how the new user signs in.
 */
public record CreatedUser(User user, String personalOrganizationId, String apiKey) {}
