package io.daytona.e2e;

import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole platform once for all tests of a run, on free ports and a fresh data
 * directory, and hands tests a {@link Platform}.
 */
public final class PlatformExtension implements ParameterResolver {
    private static final String KEY = "daytona-platform";
    /**
     * A low limit for ordinary users, so that TenancyTest and conformance/errors.test.mjs see a 429
     * with a fresh user; the admin key the other tests use is never throttled.
     */
    static final RateLimits RATE_LIMITS = RateLimits.parse(List.of("authenticated=40/600"), RateLimits.none());

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> start(), Running.class)
                .platform();
    }

    private static Running start() {
        try {
            Path data = Files.createTempDirectory("daytona-e2e");
            // DAYTONA_RUNTIME=runsc runs the same tests on gVisor, as `daytona server` reads it.
            DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0).withRateLimits(RATE_LIMITS)
                    .withRuntime(System.getenv().getOrDefault("DAYTONA_RUNTIME", "crun")));
            return new Running(server, new Platform(server.apiUrl(), server.proxyUrl(), server.adminKey(), Optional.of(data)));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the platform for end-to-end tests: " + e.getMessage(), e);
        }
    }

    private record Running(DaytonaServer server, Platform platform) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
            // Sandboxes deleted by the last tests may still be going; a test run leaves nothing behind.
            LaunchedServer.removeContainersOf(platform.dataDirectory().orElseThrow());
        }
    }
}
