package io.daytona.model.health;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The answer of {@code GET /api/health/ready}, in the shape of NestJS Terminus: {@code status} is
 * {@code ok} or {@code error}; {@code info} holds the healthy indicators, {@code error} the failing
 * ones and {@code details} all of them.
 */
public record HealthCheck(String status, Map<String, HealthIndicator> info, Map<String, HealthIndicator> error,
                          Map<String, HealthIndicator> details) {
    public HealthCheck {
        requireNonNull(status, "status is null");
        info = Map.copyOf(info);
        error = Map.copyOf(error);
        details = Map.copyOf(details);
    }
}
