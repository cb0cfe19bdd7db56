package io.daytona.daemon.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a command's log over a WebSocket as it grows, in binary frames, and closes normally
 * once the command has ended and everything it wrote was sent.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class LogFollower implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final SessionCommand command;
    private final boolean stripMarkers;
    private volatile boolean open = true;

    LogFollower(SessionCommand command, boolean stripMarkers) {
        this.command = requireNonNull(command, "command is null");
        this.stripMarkers = stripMarkers;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        Thread.ofVirtual().name("log-follow-" + command.id()).start(() -> follow(session));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        open = false;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        open = false;
    }

    private void follow(Session session) {
        MarkerStripper stripper = new MarkerStripper();
        byte[] chunk = new byte[64 * 1024];
        try (FileChannel log = FileChannel.open(command.logFile(), StandardOpenOption.READ)) {
            while (open) {
                // Read the exit state first: output written before the end is then surely in the file.
                boolean ended = command.exitCode().isPresent();
                int read = log.read(ByteBuffer.wrap(chunk));
                if (read > 0) {
                    send(session, stripMarkers ? stripper.strip(chunk, read) : java.util.Arrays.copyOf(chunk, read));
                } else if (ended) {
                    session.close(StatusCode.NORMAL, null, Callback.NOOP);
                    return;
                } else {
                    Thread.sleep(POLL);
                }
            }
        } catch (IOException | ExecutionException e) {
            LOG.debug("following the log of command {} ended: {}", command.id(), e.getMessage());
            session.close(StatusCode.SERVER_ERROR, "log unavailable", Callback.NOOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(Session session, byte[] bytes) throws ExecutionException, InterruptedException {
        if (bytes.length == 0) {
            return;
        }
        Callback.Completable sent = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(bytes), sent);
        sent.get();
    }
}
