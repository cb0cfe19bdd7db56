package io.daytona.sdk;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link SandboxProcess#createPty(PtyCreateOptions)} creates a terminal. Build one with
 * {@link #builder(String)}.
 *
 * @param id the terminal's ID, unique in the sandbox
 * @param cwd the directory the shell starts in; null for the work directory
 * @param envs extra environment variables, unmodifiable
 * @param cols the width in columns (1 to 1000); null for 80
 * @param rows the height in rows (1 to 1000); null for 24
 * @param onData receives the terminal's output as it arrives, on a thread of the client, one call
 *     at a time; null to discard it. An exception it throws disconnects the handle.
 */
public record PtyCreateOptions(
        String id, String cwd, Map<String, String> envs, Integer cols, Integer rows, Consumer<byte[]> onData) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param id the terminal's ID, unique in the sandbox
     * @param cwd the directory the shell starts in; null for the work directory
     * @param envs extra environment variables, unmodifiable
     * @param cols the width in columns (1 to 1000); null for 80
     * @param rows the height in rows (1 to 1000); null for 24
     * @param onData receives the terminal's output as it arrives, on a thread of the client, one call
     *     at a time; null to discard it. An exception it throws disconnects the handle.
     */
    public PtyCreateOptions {
        Objects.requireNonNull(id, "id is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id is blank: give the terminal an ID");
        }
        envs = envs == null ? Map.of() : Map.copyOf(envs);
        if (cols != null) {
            SandboxProcess.requireSize(cols, "cols");
        }
        if (rows != null) {
            SandboxProcess.requireSize(rows, "rows");
        }
    }

    /**
     * Starts options for a terminal named {@code id} with the defaults: 80x24, work directory, output discarded.
     *
     * @param id the ID
     * @return a new builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A mutable builder of {@link PtyCreateOptions}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private String cwd;
        private Map<String, String> envs;
        private Integer cols;
        private Integer rows;
        private Consumer<byte[]> onData;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the directory the shell starts in.
         *
         * @param cwd the working directory, absolute or relative to the work directory; null for the work directory
         * @return this builder
         */
        public Builder cwd(String cwd) {
            this.cwd = cwd;
            return this;
        }

        /**
         * Sets extra environment variables.
         *
         * @param envs extra environment variables; null for none
         * @return this builder
         */
        public Builder envs(Map<String, String> envs) {
            this.envs = envs;
            return this;
        }

        /**
         * Sets the width in columns, 1 to 1000.
         *
         * @param cols the width in columns, 1 to 1000
         * @return this builder
         */
        public Builder cols(int cols) {
            this.cols = cols;
            return this;
        }

        /**
         * Sets the height in rows, 1 to 1000.
         *
         * @param rows the height in rows, 1 to 1000
         * @return this builder
         */
        public Builder rows(int rows) {
            this.rows = rows;
            return this;
        }

        /**
         * Sets the receiver of the terminal's output.
         *
         * @param onData receives the terminal's output as it arrives; null to discard it
         * @return this builder
         */
        public Builder onData(Consumer<byte[]> onData) {
            this.onData = onData;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the ID is blank or a size is out of range
         */
        public PtyCreateOptions build() {
            return new PtyCreateOptions(id, cwd, envs, cols, rows, onData);
        }
    }
}
