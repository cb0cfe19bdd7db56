package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/mouse/scroll}.
 *
 * @param x where to scroll
 * @param y where to scroll
 * @param direction {@code up}, {@code down}, {@code left} or {@code right}
 * @param amount how many wheel steps; 1 when absent
 */
public record MouseScrollRequest(Integer x, Integer y, String direction, Integer amount) {}
