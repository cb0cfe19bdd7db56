package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/mouse/drag}: press at the start, move, release at the end.
 *
 * @param button {@code left} (default), {@code middle} or {@code right}
 */
public record MouseDragRequest(Integer startX, Integer startY, Integer endX, Integer endY, String button) {}
