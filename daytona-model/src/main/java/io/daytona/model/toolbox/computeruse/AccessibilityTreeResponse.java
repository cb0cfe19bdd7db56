package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code GET /computeruse/a11y/tree}.
 *
 * @param root the focused application, the one of a pid, or the desktop with every application
 * @param truncated whether the walk stopped at its node limit (5000)
 */
public record AccessibilityTreeResponse(AccessibilityNode root, boolean truncated) {}
