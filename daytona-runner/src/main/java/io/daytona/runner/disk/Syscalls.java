package io.daytona.runner.disk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * mount(2), umount2(2) and the loop device ioctls, called directly through the FFM API: a sandbox
 * start mounts two filesystems and detaches them, and starting {@code mount} and {@code umount}
 * processes for that costs tens of milliseconds on a loaded host, a system call microseconds.
 */
final class Syscalls {
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int MNT_DETACH = 2;
    private static final long LOOP_CTL_GET_FREE = 0x4C82;
    private static final long LOOP_CONFIGURE = 0x4C0A;
    private static final int LO_FLAGS_AUTOCLEAR = 4;
    private static final int EBUSY = 16;
    /** struct loop_config: fd, block_size, struct loop_info64 (232 bytes), 8 reserved u64. */
    private static final int LOOP_CONFIG_SIZE = 4 + 4 + 232 + 64;
    private static final int LO_FLAGS_OFFSET = 8 + 52;
    private static final int LO_FILE_NAME_OFFSET = 8 + 56;
    private static final int LO_NAME_SIZE = 64;

    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle IOCTL_VALUE;
    private static final MethodHandle IOCTL_POINTER;
    private static final MethodHandle MOUNT;
    private static final MethodHandle UMOUNT2;
    private static final MethodHandle STRERROR;
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout().byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        IOCTL_VALUE = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                errno, Linker.Option.firstVariadicArg(2));
        IOCTL_POINTER = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                errno, Linker.Option.firstVariadicArg(2));
        MOUNT = linker.downcallHandle(libc.find("mount").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), errno);
        UMOUNT2 = linker.downcallHandle(libc.find("umount2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
        STRERROR = linker.downcallHandle(libc.find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)),
                        ValueLayout.JAVA_INT));
    }

    private Syscalls() {}

    /** mount(2) of a filesystem with its options, e.g. {@code mount("overlay", "/x", "overlay", "lowerdir=...")}. */
    static void mount(String source, Path target, String type, String options) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int result = (int) MOUNT.invokeExact(state, arena.allocateFrom(source), arena.allocateFrom(target.toString()),
                    arena.allocateFrom(type), 0L, arena.allocateFrom(options));
            if (result != 0) {
                throw failure("mounting " + type + " " + source + " on " + target, state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /** umount2(2) with MNT_DETACH: gone from the namespace now, freed once nothing uses it. */
    static void detach(Path target) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            if ((int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), MNT_DETACH) != 0) {
                throw failure("unmounting " + target, state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /**
     * Attaches {@code file} to a free loop device that frees itself when its last user (the
     * mount) goes, mounts it as ext4 on {@code target} with {@code options}, and lets go of the
     * device: from then on the mount alone holds it.
     */
    static void mountLoop(Path file, Path target, String options) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int control = open(arena, state, "/dev/loop-control");
            try {
                for (int attempt = 1; ; attempt++) {
                    int number = (int) IOCTL_VALUE.invokeExact(state, control, LOOP_CTL_GET_FREE, 0L);
                    if (number < 0) {
                        throw failure("finding a free loop device", state);
                    }
                    String device = "/dev/loop" + number;
                    int loop = open(arena, state, device);
                    try {
                        if (!configure(arena, state, loop, file)) {
                            // Another process took the device between the two calls: take the next.
                            if (attempt == 10) {
                                throw new IOException("every free loop device was taken by someone else, 10 times");
                            }
                            continue;
                        }
                        mount(device, target, "ext4", options);
                        return;
                    } finally {
                        int ignored = (int) CLOSE.invokeExact(loop);
                    }
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(control);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /** LOOP_CONFIGURE; false when the device is busy (someone else configured it first). */
    private static boolean configure(Arena arena, MemorySegment state, int loop, Path file) throws Throwable {
        int backing = open(arena, state, file.toString());
        try {
            MemorySegment config = arena.allocate(LOOP_CONFIG_SIZE, 8);
            config.set(ValueLayout.JAVA_INT, 0, backing);
            config.set(ValueLayout.JAVA_INT, LO_FLAGS_OFFSET, LO_FLAGS_AUTOCLEAR);
            byte[] name = file.toString().getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(name, 0, config, ValueLayout.JAVA_BYTE, LO_FILE_NAME_OFFSET, Math.min(name.length, LO_NAME_SIZE - 1));
            if ((int) IOCTL_POINTER.invokeExact(state, loop, LOOP_CONFIGURE, config) != 0) {
                if (errno(state) == EBUSY) {
                    return false;
                }
                throw failure("attaching " + file + " to a loop device", state);
            }
            return true;
        } finally {
            int ignored = (int) CLOSE.invokeExact(backing);
        }
    }

    private static int open(Arena arena, MemorySegment state, String path) throws Throwable {
        int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            throw failure("opening " + path, state);
        }
        return fd;
    }

    private static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    private static IOException failure(String what, MemorySegment state) throws Throwable {
        int errno = errno(state);
        MemorySegment message = (MemorySegment) STRERROR.invokeExact(errno);
        return new IOException(what + " failed: " + message.getString(0) + " (errno " + errno + ")");
    }
}
