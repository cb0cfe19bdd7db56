package io.daytona.model.organization;

import java.time.Instant;
import java.util.Map;

/**
 * An organization, as the reference describes it. Suspension, OpenTelemetry and experimental
 * settings are not implemented: they are always "not suspended", null and empty.
 */
public record Organization(
        String id, String name, String createdBy, boolean personal, Instant createdAt, Instant updatedAt,
        boolean suspended, Instant suspendedAt, String suspensionReason, Instant suspendedUntil,
        Integer suspensionCleanupGracePeriodHours,
        int maxCpuPerSandbox, int maxMemoryPerSandbox, int maxDiskPerSandbox, int snapshotDeactivationTimeoutMinutes,
        boolean sandboxLimitedNetworkEgress, String defaultRegionId,
        Integer authenticatedRateLimit, Integer sandboxCreateRateLimit, Integer sandboxLifecycleRateLimit,
        Map<String, Object> experimentalConfig, Object otelConfig,
        Integer authenticatedRateLimitTtlSeconds, Integer sandboxCreateRateLimitTtlSeconds,
        Integer sandboxLifecycleRateLimitTtlSeconds) {}
