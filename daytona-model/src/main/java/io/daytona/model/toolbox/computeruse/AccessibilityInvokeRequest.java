package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/a11y/node/invoke}.
 *
 * @param id the widget's id
 * @param action one of its actions (any case); absent for its first
 */
public record AccessibilityInvokeRequest(String id, String action) {}
