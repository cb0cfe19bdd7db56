package io.daytona.runner.network;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens TCP connections from inside a sandbox's network namespace, so that a forwarded port
 * reaches what listens on the sandbox's own loopback (where editors' servers listen) and the
 * connection obeys the sandbox's egress rules. A socket belongs to the namespace of the thread
 * that created it: a short-lived platform thread enters the namespace with {@code setns(2)},
 * connects, and ends; the connected socket is then used from any thread.
 */
public final class NamespaceSocket {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final MethodHandle OPEN;
    private static final MethodHandle SETNS;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.captureCallState("errno"));
        SETNS = linker.downcallHandle(libc.find("setns").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private NamespaceSocket() {}

    /**
     * Connects to {@code target} from the network namespace of process {@code pid}.
     *
     * @throws IOException when the namespace cannot be entered or nothing accepts the connection
     */
    public static Socket connect(long pid, InetSocketAddress target, int timeoutMillis) throws IOException {
        CompletableFuture<Socket> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("netns-connect-" + pid).start(() -> {
            try {
                enter("/proc/" + pid + "/ns/net");
                Socket socket = new Socket();
                try {
                    socket.connect(target, timeoutMillis);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                result.complete(socket);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
            // The thread ends here, so it never runs anything else in the sandbox's namespace.
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static void enter(String namespace) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(namespace), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("cannot open " + namespace + " (errno " + errno(state) + ")");
            }
            try {
                if ((int) SETNS.invokeExact(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("cannot enter " + namespace);
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, Linker.Option.captureStateLayout().byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
    }
}
