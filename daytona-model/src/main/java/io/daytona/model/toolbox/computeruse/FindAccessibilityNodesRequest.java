package io.daytona.model.toolbox.computeruse;

import java.util.List;

/**
 * The body of {@code POST /computeruse/a11y/find}; every criterion given must hold.
 *
 * @param scope {@code focused} (default), {@code pid} or {@code all}
 * @param pid the application's process id, for scope {@code pid}
 * @param role the role, e.g. {@code push button}
 * @param name the name to look for
 * @param nameMatch {@code contains} (default), {@code exact} or {@code regex}
 * @param states states the widget must all have, e.g. {@code focused}
 * @param limit at most this many matches (default 100)
 */
public record FindAccessibilityNodesRequest(String scope, Integer pid, String role, String name, String nameMatch,
                                            List<String> states, Integer limit) {
    public FindAccessibilityNodesRequest {
        states = states == null ? List.of() : List.copyOf(states);
    }
}
