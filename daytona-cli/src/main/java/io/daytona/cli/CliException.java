package io.daytona.cli;

/**
 * A failure the user can act on, reported as its message alone on stderr with exit code 1 (as
 * errors of the API are); usage errors are picocli's and exit with 2.
 */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
