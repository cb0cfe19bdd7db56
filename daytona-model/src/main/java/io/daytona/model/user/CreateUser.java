package io.daytona.model.user;

/**
 * {@code POST /api/admin/users}: a user with a personal organization. {@code id} is optional here
 * (a UUID is chosen); {@code role} is {@code user} (default) or {@code admin}.
 */
public record CreateUser(String id, String name, String email, String role) {}
