package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One display (screen) of the desktop.
 *
 * @param id its number, from 0
 * @param x its left edge in the virtual screen
 * @param y its top edge in the virtual screen
 * @param width in pixels
 * @param height in pixels
 * @param isActive whether it is the primary display
 */
public record DisplayInfo(int id, int x, int y, int width, int height, @JsonProperty("isActive") boolean isActive) {}
