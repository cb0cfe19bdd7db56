package io.daytona.sdk;

import java.util.Objects;

/**
 * A piece of output of code run by {@link CodeInterpreter#runCode(String, RunCodeOptions)}.
 *
 * @param output the text, as the interpreter flushed it
 */
public record OutputMessage(String output) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param output the text, as the interpreter flushed it
     */
    public OutputMessage {
        Objects.requireNonNull(output, "output is null");
    }
}
