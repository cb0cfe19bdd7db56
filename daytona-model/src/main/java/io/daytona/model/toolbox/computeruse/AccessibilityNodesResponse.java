package io.daytona.model.toolbox.computeruse;

import java.util.List;

/**
 * The answer to {@code POST /computeruse/a11y/find}.
 *
 * @param matches the matching widgets, without their children, in tree order
 * @param truncated whether the search stopped at the limit
 */
public record AccessibilityNodesResponse(List<AccessibilityNode> matches, boolean truncated) {
    public AccessibilityNodesResponse {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }
}
