package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /computeruse/mouse/click}.
 *
 * @param x where to click
 * @param y where to click
 * @param button {@code left} (default), {@code middle} or {@code right}
 * @param doubleClick whether to click twice ({@code double} on the wire)
 */
public record MouseClickRequest(Integer x, Integer y, String button, @JsonProperty("double") Boolean doubleClick) {}
