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

    /** A request built field by field: {@code builder().scope("all").role("push button").name("OK").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FindAccessibilityNodesRequest}; unset fields take the server's defaults. */
    public static final class Builder {
        private String scope;
        private Integer pid;
        private String role;
        private String name;
        private String nameMatch;
        private List<String> states = List.of();
        private Integer limit;

        private Builder() {}

        public Builder scope(String value) {
            this.scope = value;
            return this;
        }

        /** Scope {@code pid}: the application with this process id. */
        public Builder pid(int value) {
            this.scope = "pid";
            this.pid = value;
            return this;
        }

        public Builder role(String value) {
            this.role = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder nameMatch(String value) {
            this.nameMatch = value;
            return this;
        }

        public Builder states(String... values) {
            this.states = List.of(values);
            return this;
        }

        public Builder limit(int value) {
            this.limit = value;
            return this;
        }

        public FindAccessibilityNodesRequest build() {
            return new FindAccessibilityNodesRequest(scope, pid, role, name, nameMatch, states, limit);
        }
    }
}
