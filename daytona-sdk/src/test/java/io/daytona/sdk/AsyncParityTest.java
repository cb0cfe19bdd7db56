package io.daytona.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public method of a blocking class has its asynchronous twin, with the same name and
 * parameters: the async client is a complete view, not a subset. A method that calls the server
 * returns a {@link CompletableFuture} there; one that only reads data already received returns the
 * same type.
 */
class AsyncParityTest {
    /** Blocking type to its asynchronous view, as parameters and results map. */
    private static final Map<Class<?>, Class<?>> VIEWS = Map.ofEntries(
            Map.entry(OrganizationService.class, AsyncOrganizationService.class),
            Map.entry(ApiKeyService.class, AsyncApiKeyService.class),
            Map.entry(Daytona.class, DaytonaAsync.class),
            Map.entry(Sandbox.class, AsyncSandbox.class),
            Map.entry(SandboxProcess.class, AsyncSandboxProcess.class),
            Map.entry(FileSystem.class, AsyncFileSystem.class),
            Map.entry(Git.class, AsyncGit.class),
            Map.entry(CodeInterpreter.class, AsyncCodeInterpreter.class),
            Map.entry(LspServer.class, AsyncLspServer.class),
            Map.entry(SnapshotService.class, AsyncSnapshotService.class),
            Map.entry(VolumeService.class, AsyncVolumeService.class),
            Map.entry(ComputerUse.class, AsyncComputerUse.class),
            Map.entry(ComputerUse.Mouse.class, AsyncComputerUse.Mouse.class),
            Map.entry(ComputerUse.Keyboard.class, AsyncComputerUse.Keyboard.class),
            Map.entry(ComputerUse.Screenshot.class, AsyncComputerUse.Screenshot.class),
            Map.entry(ComputerUse.Display.class, AsyncComputerUse.Display.class),
            Map.entry(ComputerUse.Recordings.class, AsyncComputerUse.Recordings.class),
            Map.entry(ComputerUse.Accessibility.class, AsyncComputerUse.Accessibility.class));

    /** Methods that exist only on one side by design. */
    private static final Set<String> OWN = Set.of("close", "toString", "sync", "wrap", "hashCode", "equals");

    static List<Class<?>> blockingTypes() {
        return new ArrayList<>(VIEWS.keySet());
    }

    @ParameterizedTest
    @MethodSource("blockingTypes")
    void everyBlockingMethodHasAnAsyncTwin(Class<?> blocking) {
        Class<?> async = VIEWS.get(blocking);
        List<String> missing = new ArrayList<>();
        for (Method method : blocking.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers()) || OWN.contains(method.getName())) {
                continue;
            }
            Class<?>[] parameters = Arrays.stream(method.getParameterTypes()).map(type -> VIEWS.getOrDefault(type, type))
                    .toArray(Class<?>[]::new);
            try {
                Method twin = async.getMethod(method.getName(), parameters);
                Class<?> expected = VIEWS.getOrDefault(method.getReturnType(), method.getReturnType());
                assertThat(twin.getReturnType()).as("%s.%s returns", async.getSimpleName(), method.getName())
                        .isIn(CompletableFuture.class, expected);
            } catch (NoSuchMethodException e) {
                missing.add(method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")));
            }
        }
        assertThat(missing).as("methods of %s without a twin in %s", blocking.getSimpleName(), async.getSimpleName()).isEmpty();
    }
}
