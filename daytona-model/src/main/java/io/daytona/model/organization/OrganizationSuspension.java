package io.daytona.model.organization;

import java.time.Instant;

/** {@code POST /api/organizations/{id}/suspend}: why, until when, and the grace period before cleanup (not acted on). */
public record OrganizationSuspension(String reason, Instant until, Integer suspensionCleanupGracePeriodHours) {}
