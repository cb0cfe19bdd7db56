package io.daytona.daemon.process;

import io.daytona.daemon.posix.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Adds variables to the daemon's own environment, which every process it starts inherits: a
 * sandbox taken from the warm pool was started before its owner's environment was known, and
 * receives it this way when it is claimed.
 *
 * <p>Two copies need it. A {@code ProcessBuilder} whose {@code environment()} was touched passes
 * the JDK's map, {@code java.lang.ProcessEnvironment} (the daemon runs with
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} to add to it; {@code System.getenv()} sees
 * it too); one left alone lets the child inherit the C library's {@code environ}, set with
 * {@code setenv(3)}.
 */
public final class ProcessEnvironment {
    private static final MethodHandle SETENV = Libc.function("setenv",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private ProcessEnvironment() {}

    @SuppressWarnings("unchecked")
    public static void putAll(Map<String, String> variables) throws ReflectiveOperationException {
        Class<?> environment = Class.forName("java.lang.ProcessEnvironment");
        Field field = environment.getDeclaredField("theEnvironment");
        field.setAccessible(true);
        Map<Object, Object> map = (Map<Object, Object>) field.get(null);
        Method variable = method("java.lang.ProcessEnvironment$Variable");
        Method value = method("java.lang.ProcessEnvironment$Value");
        synchronized (map) {
            for (Map.Entry<String, String> entry : variables.entrySet()) {
                map.put(variable.invoke(null, entry.getKey()), value.invoke(null, entry.getValue()));
                setenv(entry.getKey(), entry.getValue());
            }
        }
    }

    private static void setenv(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            int status = (int) SETENV.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (status != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("setenv(" + name + ") failed", e);
        }
    }

    private static Method method(String type) throws ReflectiveOperationException {
        Method valueOf = Class.forName(type).getDeclaredMethod("valueOf", String.class);
        valueOf.setAccessible(true);
        return valueOf;
    }
}
