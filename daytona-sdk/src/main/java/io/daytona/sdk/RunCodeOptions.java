package io.daytona.sdk;

import io.daytona.model.toolbox.interpreter.InterpreterContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How {@link CodeInterpreter#runCode(String, RunCodeOptions)} runs code. Build one with
 * {@link #builder()}.
 *
 * @param context the context to run in, from {@link CodeInterpreter#createContext()}; null for
 *     the default context
 * @param envs environment variables for this execution, unmodifiable
 * @param timeout how long the code may run before it is interrupted, rounded up to whole seconds;
 *     {@link Duration#ZERO} for no limit, null for the toolbox's default (10 minutes)
 * @param onStdout receives stdout as it is produced; null to only collect it
 * @param onStderr receives stderr as it is produced; null to only collect it
 * @param onError receives the exception the code raised; null to only collect it
 */
public record RunCodeOptions(
        InterpreterContext context,
        Map<String, String> envs,
        Duration timeout,
        Consumer<OutputMessage> onStdout,
        Consumer<OutputMessage> onStderr,
        Consumer<ExecutionError> onError) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param context the context to run in, from {@link CodeInterpreter#createContext()}; null for
     *     the default context
     * @param envs environment variables for this execution, unmodifiable
     * @param timeout how long the code may run before it is interrupted, rounded up to whole seconds;
     *     {@link Duration#ZERO} for no limit, null for the toolbox's default (10 minutes)
     * @param onStdout receives stdout as it is produced; null to only collect it
     * @param onStderr receives stderr as it is produced; null to only collect it
     * @param onError receives the exception the code raised; null to only collect it
     */
    public RunCodeOptions {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (zero means no timeout): " + timeout);
        }
    }

    /**
     * Options that run in the default context with the toolbox's default timeout.
     *
     * @return the default options
     */
    public static RunCodeOptions defaults() {
        return builder().build();
    }

    /**
     * Starts options with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A mutable builder of {@link RunCodeOptions}; not thread-safe. */
    public static final class Builder {
        private InterpreterContext context;
        private Map<String, String> envs;
        private Duration timeout;
        private Consumer<OutputMessage> onStdout;
        private Consumer<OutputMessage> onStderr;
        private Consumer<ExecutionError> onError;

        private Builder() {}

        /**
         * Sets the context to run in; null for the default context.
         *
         * @param context the context, from {@link CodeInterpreter#createContext()}
         * @return this builder
         */
        public Builder context(InterpreterContext context) {
            this.context = context;
            return this;
        }

        /**
         * Sets environment variables for this execution.
         *
         * @param envs extra environment variables; null for none
         * @return this builder
         */
        public Builder envs(Map<String, String> envs) {
            this.envs = envs;
            return this;
        }

        /**
         * Sets how long the code may run; {@link Duration#ZERO} for no limit.
         *
         * @param timeout how long it may take; {@link Duration#ZERO} for no limit
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the receiver of stdout.
         *
         * @param onStdout receives stdout as it arrives
         * @return this builder
         */
        public Builder onStdout(Consumer<OutputMessage> onStdout) {
            this.onStdout = onStdout;
            return this;
        }

        /**
         * Sets the receiver of stderr.
         *
         * @param onStderr receives stderr as it arrives
         * @return this builder
         */
        public Builder onStderr(Consumer<OutputMessage> onStderr) {
            this.onStderr = onStderr;
            return this;
        }

        /**
         * Sets the receiver of the exception the code raises.
         *
         * @param onError receives the error's name, value and traceback
         * @return this builder
         */
        public Builder onError(Consumer<ExecutionError> onError) {
            this.onError = onError;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the timeout is negative
         */
        public RunCodeOptions build() {
            return new RunCodeOptions(context, envs, timeout, onStdout, onStderr, onError);
        }
    }
}
