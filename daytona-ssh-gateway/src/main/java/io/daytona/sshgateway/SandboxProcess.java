package io.daytona.sshgateway;

import java.io.IOException;
import java.io.OutputStream;

/** A process running in a sandbox, its streams attached. */
public interface SandboxProcess extends AutoCloseable {
    /** The process's stdin; closing it is the process's end-of-file. */
    OutputStream stdin();

    /** Copies stdout and stderr (a terminal's one stream goes to {@code stdout}) until the process closes them. Blocks. */
    void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException;

    /** Sets the terminal's size. */
    void resize(int columns, int rows);

    /** The exit code, once the output is closed. */
    int exitCode() throws IOException;

    /** Hangs up, killing the process if it still runs. */
    @Override
    void close() throws IOException;
}
