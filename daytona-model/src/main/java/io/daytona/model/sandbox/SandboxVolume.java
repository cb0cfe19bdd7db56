package io.daytona.model.sandbox;

/** A volume mounted into a sandbox. */
public record SandboxVolume(String volumeId, String mountPath, String subpath) {}
