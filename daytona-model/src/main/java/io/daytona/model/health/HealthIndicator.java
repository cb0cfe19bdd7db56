package io.daytona.model.health;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One checked dependency: {@code up} or {@code down}, and why when down.
 *
 * @param status {@code up} or {@code down}
 * @param message what failed; absent when up
 */
public record HealthIndicator(String status, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    public HealthIndicator {
        requireNonNull(status, "status is null");
    }

    public static HealthIndicator up() {
        return new HealthIndicator("up", null);
    }

    public static HealthIndicator down(String message) {
        return new HealthIndicator("down", message);
    }
}
