package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One top-level window of the desktop.
 *
 * @param id its X window id
 * @param title its title
 * @param x its left edge
 * @param y its top edge
 * @param width in pixels
 * @param height in pixels
 * @param isActive whether it has the input focus
 */
public record WindowInfo(long id, String title, int x, int y, int width, int height,
                         @JsonProperty("isActive") boolean isActive) {}
