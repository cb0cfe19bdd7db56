package io.daytona.sdk;

import java.util.Objects;

/**
 * What code run by {@link CodeInterpreter#runCode(String, RunCodeOptions)} produced. An exception
 * in the code is not a failure of the call: it is reported in {@code error}.
 *
 * @param stdout everything the code wrote to stdout
 * @param stderr everything the code wrote to stderr
 * @param error the exception the code raised, or null if it ran to its end
 */
public record ExecutionResult(String stdout, String stderr, ExecutionError error) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param stdout everything the code wrote to stdout
     * @param stderr everything the code wrote to stderr
     * @param error the exception the code raised, or null if it ran to its end
     */
    public ExecutionResult {
        Objects.requireNonNull(stdout, "stdout is null");
        Objects.requireNonNull(stderr, "stderr is null");
    }

    /** {@return true if the code raised an exception} */
    public boolean hasError() {
        return error != null;
    }
}
