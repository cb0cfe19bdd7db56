package io.daytona.sdk;

import java.util.Objects;

/**
 * An exception raised by code run by {@link CodeInterpreter#runCode(String, RunCodeOptions)}.
 *
 * @param name the exception's class, e.g. {@code ZeroDivisionError} or {@code SyntaxError}
 * @param value its message, e.g. {@code division by zero}
 * @param traceback the formatted traceback; empty if there is none
 */
public record ExecutionError(String name, String value, String traceback) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param name the exception's class, e.g. {@code ZeroDivisionError} or {@code SyntaxError}
     * @param value its message, e.g. {@code division by zero}
     * @param traceback the formatted traceback; empty if there is none
     */
    public ExecutionError {
        Objects.requireNonNull(name, "name is null");
        value = value == null ? "" : value;
        traceback = traceback == null ? "" : traceback;
    }
}
