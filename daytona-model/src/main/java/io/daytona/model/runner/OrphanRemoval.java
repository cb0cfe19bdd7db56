package io.daytona.model.runner;

import java.util.List;

/**
 * Runner API {@code POST /sandboxes/remove-orphans}: sandboxes the control plane does not know;
 * the runner removes their containers once they are older than its grace period, and answers
 * with the ids it removed.
 */
public record OrphanRemoval(List<String> sandboxIds) {
    public OrphanRemoval {
        sandboxIds = sandboxIds == null ? List.of() : List.copyOf(sandboxIds);
    }
}
