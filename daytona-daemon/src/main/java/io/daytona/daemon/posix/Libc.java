package io.daytona.daemon.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few C library calls the JDK does not offer (named pipes, terminals, signals), bound once
 * through the FFM API. A handle made with {@link #functionWithErrno} takes a call-state segment
 * from {@link #callState} as its first argument, from which {@link #errno} reads the error.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code errno} of an interrupted call. */
    public static final int EINTR = 4;

    private Libc() {}

    public static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name)), descriptor, options);
    }

    public static MethodHandle functionWithErrno(String name, FunctionDescriptor descriptor) {
        return function(name, descriptor, Linker.Option.captureCallState("errno"));
    }

    public static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    public static int errno(MemorySegment callState) {
        return callState.get(ValueLayout.JAVA_INT, ERRNO);
    }
}
