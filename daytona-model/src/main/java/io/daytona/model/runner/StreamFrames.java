package io.daytona.model.runner;

/**
 * The runner's stream WebSockets, which the SSH gateway uses to reach sandboxes on runner
 * processes.
 *
 * <p>{@code GET /sandboxes/{id}/exec?spec=<AttachSpec as JSON>} runs a process in the sandbox as
 * its user. The runner sends binary frames whose first byte is {@link #STDOUT} or {@link #STDERR}
 * followed by the bytes, then the text frame {@code {"type":"exit","exitCode":N}} and closes. The
 * client sends binary frames (stdin) and text frames {@code {"type":"resize","columns":C,"rows":R}}
 * and {@code {"type":"eof"}} (stdin closed).
 *
 * <p>{@code GET /sandboxes/{id}/connect?host=H&port=P} is a TCP connection made inside the
 * sandbox: binary frames both ways are the bytes; the text frame {@code {"type":"eof"}} closes the
 * client's sending side; the runner closes the WebSocket when the connection ends.
 */
public final class StreamFrames {
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;

    private StreamFrames() {}
}
