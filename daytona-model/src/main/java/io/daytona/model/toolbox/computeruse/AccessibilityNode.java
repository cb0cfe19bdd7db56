package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One widget of the accessibility (AT-SPI) tree.
 *
 * @param id {@code <bus name>:<object path>}, usable later with focus, invoke and value
 * @param role e.g. {@code push button}, {@code text}, {@code frame}
 * @param name its accessible name (a button's label, a window's title)
 * @param description its accessible description
 * @param states e.g. {@code focused}, {@code enabled}, {@code showing}
 * @param actions what {@code invoke} can do, e.g. {@code Click}
 * @param bounds its place on the screen; absent for widgets without one
 * @param children the widgets inside it (empty in find results)
 */
public record AccessibilityNode(String id, String role, String name, String description, List<String> states,
                                List<String> actions, @JsonInclude(JsonInclude.Include.NON_NULL) AccessibilityBounds bounds,
                                List<AccessibilityNode> children) {
    public AccessibilityNode {
        states = states == null ? List.of() : List.copyOf(states);
        actions = actions == null ? List.of() : List.copyOf(actions);
        children = children == null ? List.of() : List.copyOf(children);
    }
}
