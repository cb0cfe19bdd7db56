package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/a11y/node/value}: text for an editable widget, a number for
 * a slider or spin button.
 */
public record AccessibilitySetValueRequest(String id, String value) {}
