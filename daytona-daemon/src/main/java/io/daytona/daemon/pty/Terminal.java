package io.daytona.daemon.pty;

import io.daytona.daemon.posix.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A pseudo-terminal pair, made and driven through libc with the FFM API: the JDK has no terminal
 * support, and these few calls are all a shell in a terminal needs. The daemon keeps the master
 * side; a shell gets the slave side as its controlling terminal.
 */
final class Terminal implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final long TIOCSWINSZ = 0x5414;
    private static final MethodHandle POSIX_OPENPT = Libc.function("posix_openpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GRANTPT = Libc.function("grantpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNLOCKPT = Libc.function("unlockpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PTSNAME_R = Libc.function("ptsname_r",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle IOCTL = Libc.function("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = Libc.functionWithErrno("read",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = Libc.functionWithErrno("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = Libc.function("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int master;
    private final Path slave;
    private volatile boolean closed;

    private Terminal(int master, Path slave) {
        this.master = master;
        this.slave = slave;
    }

    static Terminal open(int cols, int rows) throws IOException {
        try {
            int master = (int) POSIX_OPENPT.invokeExact(O_RDWR | O_NOCTTY);
            if (master < 0) {
                throw new IOException("posix_openpt failed: no pseudo-terminal available");
            }
            if ((int) GRANTPT.invokeExact(master) != 0 || (int) UNLOCKPT.invokeExact(master) != 0) {
                int ignored = (int) CLOSE.invokeExact(master);
                throw new IOException("could not unlock the pseudo-terminal");
            }
            Terminal terminal = new Terminal(master, Path.of(slaveName(master)));
            terminal.resize(cols, rows);
            return terminal;
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("pseudo-terminal set-up failed", e);
        }
    }

    private static String slaveName(int master) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(128);
            if ((int) PTSNAME_R.invokeExact(master, name, 128L) != 0) {
                throw new IOException("ptsname_r failed");
            }
            return name.getString(0);
        }
    }

    /** The slave device, e.g. {@code /dev/pts/3}, which the shell opens as its terminal. */
    Path slave() {
        return slave;
    }

    void resize(int cols, int rows) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(8);
            size.set(ValueLayout.JAVA_SHORT, 0, (short) rows);
            size.set(ValueLayout.JAVA_SHORT, 2, (short) cols);
            if ((int) IOCTL.invokeExact(master, TIOCSWINSZ, size) != 0) {
                throw new IOException("could not resize the terminal");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("could not resize the terminal", e);
        }
    }

    /** Reads what the shell wrote; -1 once the terminal is gone (every slave side closed). */
    int read(byte[] buffer) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(buffer.length);
            MemorySegment state = Libc.callState(arena);
            while (true) {
                long read = (long) READ.invokeExact(state, master, memory, (long) buffer.length);
                if (read > 0) {
                    MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) read);
                    return (int) read;
                }
                if (read == 0 || Libc.errno(state) != Libc.EINTR) {
                    return -1;
                }
            }
        } catch (Throwable e) {
            throw new IOException("reading the terminal failed", e);
        }
    }

    void write(byte[] bytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            MemorySegment state = Libc.callState(arena);
            long offset = 0;
            while (offset < bytes.length) {
                long written = (long) WRITE.invokeExact(state, master, memory.asSlice(offset), bytes.length - offset);
                if (written < 0) {
                    if (Libc.errno(state) == Libc.EINTR) {
                        continue;
                    }
                    throw new IOException("writing to the terminal failed, errno " + Libc.errno(state));
                }
                offset += written;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("writing to the terminal failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) CLOSE.invokeExact(master);
        } catch (Throwable ignored) {
            // nothing more to release
        }
    }
}
