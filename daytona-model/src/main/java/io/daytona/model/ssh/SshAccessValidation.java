package io.daytona.model.ssh;

/**
 * Whether an SSH access token is valid now ({@code SshAccessValidationDto} on the wire).
 *
 * @param valid whether the token opens a sandbox now
 * @param sandboxId the sandbox it opens; empty when not valid
 */
public record SshAccessValidation(boolean valid, String sandboxId) {}
