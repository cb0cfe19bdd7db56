package io.daytona.daemon.process;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Adds variables to the daemon's own environment, which every process it starts inherits
 * ({@code ProcessBuilder} copies it): a sandbox taken from the warm pool was started before its
 * owner's environment was known, and receives it this way when it is claimed.
 *
 * <p>The JDK keeps the environment read at start in {@code java.lang.ProcessEnvironment}; the
 * daemon is started with {@code --add-opens java.base/java.lang=ALL-UNNAMED} so it can add to
 * it. {@code System.getenv()} is a view of the same map and sees the new variables too.
 */
public final class ProcessEnvironment {
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
            }
        }
    }

    private static Method method(String type) throws ReflectiveOperationException {
        Method valueOf = Class.forName(type).getDeclaredMethod("valueOf", String.class);
        valueOf.setAccessible(true);
        return valueOf;
    }
}
