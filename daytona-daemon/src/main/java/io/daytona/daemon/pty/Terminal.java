package io.daytona.daemon.pty;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
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
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle POSIX_OPENPT = function("posix_openpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GRANTPT = function("grantpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNLOCKPT = function("unlockpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PTSNAME_R = function("ptsname_r",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LIBC.find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = LINKER.downcallHandle(LIBC.find("read").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO_CAPTURE);
    private static final MethodHandle WRITE = LINKER.downcallHandle(LIBC.find("write").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO_CAPTURE);
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

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
            MemorySegment state = arena.allocate(CALL_STATE);
            while (true) {
                long read = (long) READ.invokeExact(state, master, memory, (long) buffer.length);
                if (read > 0) {
                    MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) read);
                    return (int) read;
                }
                if (read == 0 || state.get(ValueLayout.JAVA_INT, ERRNO) != EINTR) {
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
            MemorySegment state = arena.allocate(CALL_STATE);
            long offset = 0;
            while (offset < bytes.length) {
                long written = (long) WRITE.invokeExact(state, master, memory.asSlice(offset), bytes.length - offset);
                if (written < 0) {
                    if (state.get(ValueLayout.JAVA_INT, ERRNO) == EINTR) {
                        continue;
                    }
                    throw new IOException("writing to the terminal failed, errno " + state.get(ValueLayout.JAVA_INT, ERRNO));
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

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name)), descriptor);
    }
}
