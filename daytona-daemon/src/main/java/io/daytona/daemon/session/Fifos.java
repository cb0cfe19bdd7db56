package io.daytona.daemon.session;

import io.daytona.daemon.posix.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** Named pipes, made with {@code mkfifo(3)} directly: no process to spawn, nothing the image must ship. */
final class Fifos {
    private static final MethodHandle MKFIFO = Libc.functionWithErrno("mkfifo",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Fifos() {}

    static void create(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int result = (int) MKFIFO.invokeExact(state, arena.allocateFrom(path.toString()), 0600);
            if (result != 0) {
                throw new IOException("mkfifo " + path + " failed with errno " + Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("mkfifo " + path + " failed", e);
        }
    }
}
