package io.daytona.sdk.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a session command's framed log into stdout and stderr as it arrives in chunks of any
 * size. In the log each line of stdout starts with the bytes {@code 01 01 01} and each line of
 * stderr with {@code 02 02 02}; a marker switches the stream the following bytes belong to.
 * Markers split across chunks are recognized, and so are UTF-8 characters: each stream has its own
 * decoder that keeps an incomplete character until its remaining bytes arrive. Bytes before the
 * first marker count as stdout. Not thread-safe.
 */
public final class LogDemultiplexer {
    private static final byte STDOUT_MARKER = 0x01;
    private static final byte STDERR_MARKER = 0x02;
    private static final int MARKER_LENGTH = 3;

    private final StreamDecoder stdout;
    private final StreamDecoder stderr;
    private StreamDecoder current;
    private byte pendingMarker;
    private int pendingCount;
    private boolean finished;

    /**
     * Sends decoded stdout text to {@code onStdout} and stderr text to {@code onStderr}.
     *
     * @param onStdout receives stdout as it arrives
     * @param onStderr receives stderr as it arrives
     */
    public LogDemultiplexer(Consumer<String> onStdout, Consumer<String> onStderr) {
        this.stdout = new StreamDecoder(Objects.requireNonNull(onStdout, "onStdout is null"));
        this.stderr = new StreamDecoder(Objects.requireNonNull(onStderr, "onStderr is null"));
        this.current = stdout;
    }

    /**
     * Takes the next chunk of the log; the callbacks receive what it completes.
     *
     * @param chunk the bytes as received
     */
    public void accept(byte[] chunk) {
        accept(ByteBuffer.wrap(chunk));
    }

    /**
     * Takes the next chunk of the log (its remaining bytes); the callbacks receive what it completes.
     *
     * @param chunk the bytes as received
     */
    public void accept(ByteBuffer chunk) {
        if (finished) {
            throw new IllegalStateException("the log has already been finished");
        }
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (pendingCount > 0) {
                if (b == pendingMarker) {
                    if (++pendingCount == MARKER_LENGTH) {
                        switchTo(pendingMarker == STDOUT_MARKER ? stdout : stderr);
                        pendingCount = 0;
                    }
                    continue;
                }
                releasePendingMarker();
            }
            if (b == STDOUT_MARKER || b == STDERR_MARKER) {
                pendingMarker = b;
                pendingCount = 1;
            } else {
                current.add(b);
            }
        }
        current.emit(false);
    }

    /**
     * Ends the log: bytes that looked like the start of a marker are text after all, and an
     * incomplete character at the end of a stream becomes U+FFFD. Idempotent.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        releasePendingMarker();
        stdout.emit(true);
        stderr.emit(true);
    }

    private void releasePendingMarker() {
        for (int i = 0; i < pendingCount; i++) {
            current.add(pendingMarker);
        }
        pendingCount = 0;
    }

    private void switchTo(StreamDecoder next) {
        if (next != current) {
            current.emit(false);
            current = next;
        }
    }

    /** The bytes of one stream not yet delivered, decoded incrementally. */
    private static final class StreamDecoder {
        private final Consumer<String> sink;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer bytes = ByteBuffer.allocate(8192);

        StreamDecoder(Consumer<String> sink) {
            this.sink = sink;
        }

        void add(byte b) {
            if (!bytes.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(bytes.capacity() * 2);
                bytes.flip();
                larger.put(bytes);
                bytes = larger;
            }
            bytes.put(b);
        }

        /** Delivers the complete characters; at the end of input, everything. */
        void emit(boolean endOfInput) {
            bytes.flip();
            CharBuffer chars = CharBuffer.allocate((int) Math.ceil(bytes.remaining() * (double) decoder.maxCharsPerByte()) + 4);
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                throw new IllegalStateException("UTF-8 decoding failed despite REPLACE: " + result);
            }
            if (endOfInput) {
                decoder.flush(chars);
                decoder.reset();
            }
            bytes.compact();
            chars.flip();
            if (chars.hasRemaining()) {
                sink.accept(chars.toString());
            }
        }
    }
}
