package io.daytona.model.toolbox.computeruse;

/** The body of {@code POST /computeruse/a11y/node/focus}: the widget's id. */
public record AccessibilityNodeRequest(String id) {}
