package io.daytona.model.runner;

import static java.util.Objects.requireNonNull;

/**
 * Runner API {@code POST /sandboxes/{sourceId}/fork}: the sandbox that receives a copy of the
 * source's files (its disk, as it is now); the fork is made but not started.
 *
 * @param spec the new sandbox, its snapshot resolved to the image the source runs on
 * @param sourcePaused whether the source is meant to stay paused after the copy (a running source
 *     is paused for it, and runs on afterwards)
 */
public record SandboxFork(SandboxSpec spec, boolean sourcePaused) {
    public SandboxFork {
        requireNonNull(spec, "spec is null");
    }
}
