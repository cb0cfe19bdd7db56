package io.daytona.sdk.internal;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WebSocket.Listener} that hands what arrives to one consuming thread, in order, so that
 * callbacks run on the caller's thread and their exceptions reach it. Flow control follows the
 * consumer: the next message is requested only when one has been taken, so a slow consumer slows
 * the server down instead of filling memory. Text split across frames is joined into one message;
 * binary data is passed on in the pieces it arrives in.
 */
public final class WebSocketQueue implements WebSocket.Listener {
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    /** Creates an empty queue; pass it to {@link HttpTransport#openWebSocket} as the listener. */
    public WebSocketQueue() {}
    private final StringBuilder partialText = new StringBuilder();
    private volatile WebSocket socket;

    /** What the server sent or how the connection ended. */
    public sealed interface Event {}

    /**
     * A whole text message.
     *
     * @param text the text
     */
    public record Text(String text) implements Event {}

    /**
     * A piece of a binary message, copied out of the socket's buffer.
     *
     * @param data the bytes
     */
    public record Binary(byte[] data) implements Event {}

    /**
     * The server closed the connection with {@code statusCode} and {@code reason}.
     *
     * @param statusCode the close code, e.g. 1000 for a normal closure
     * @param reason the close frame's reason, or empty
     */
    public record Closed(int statusCode, String reason) implements Event {}

    /**
     * The connection failed; no more events follow.
     *
     * @param error why
     */
    public record Failed(Throwable error) implements Event {}

    /**
     * Waits up to {@code timeout} for the next event and asks for one more message after a data
     * event; a {@link Closed} or {@link Failed} event is the last.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} waits without limit
     * @return the event, or empty if none arrived in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Optional<Event> take(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout is null");
        Event event = timeout.isZero() ? events.take() : events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event instanceof Text || event instanceof Binary) {
            WebSocket current = socket;
            if (current != null) {
                current.request(1);
            }
        }
        return Optional.ofNullable(event);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String text = partialText.toString();
        partialText.setLength(0);
        events.add(new Text(text));
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        events.add(new Binary(copy));
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers the ping itself; this only keeps messages flowing.
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new Closed(statusCode, reason == null ? "" : reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(new Failed(error));
    }
}
