package io.daytona.model.user;

/** A user's SSH public key. */
public record UserPublicKey(String key, String name) {}
