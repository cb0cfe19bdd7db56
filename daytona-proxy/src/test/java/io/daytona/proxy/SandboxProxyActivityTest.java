package io.daytona.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Toolbox traffic through the proxy counts as the sandbox's activity, unless the request says not to. */
class SandboxProxyActivityTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> USED = new CopyOnWriteArrayList<>();
    private static HttpServer daemon;
    private static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        var json = Json.newMapper();
        daemon = HttpServer.start("daemon", "127.0.0.1", 0,
                new Router(json).get("/version", ex -> ex.json(200, Map.of("version", "test"))), json);
        URI daemonUri = URI.create("http://127.0.0.1:" + daemon.port());
        SandboxDirectory directory = new SandboxDirectory() {
            @Override
            public URI daemonFor(String sandboxId, Optional<String> authorization) {
                if (authorization.isEmpty()) {
                    throw ServiceException.unauthorized("no key");
                }
                return daemonUri;
            }

            @Override
            public URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
                return daemonUri;
            }
        };
        proxy = Proxy.start("127.0.0.1", 0, directory, USED::add);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        daemon.close();
    }

    @BeforeEach
    void forget() {
        USED.clear();
    }

    @Test
    void eachRequestLetThroughIsReported() throws Exception {
        assertThat(get("/toolbox/box-1/version", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/toolbox/box-2/version", Map.of("X-Daytona-Skip-Last-Activity-Update", "false")).statusCode()).isEqualTo(200);
        assertThat(USED).containsExactly("box-1", "box-2");
    }

    @Test
    void theSkipHeaderKeepsARequestFromCounting() throws Exception {
        assertThat(get("/toolbox/box-1/version", Map.of("X-Daytona-Skip-Last-Activity-Update", "true")).statusCode()).isEqualTo(200);
        assertThat(get("/toolbox/box-1/version", Map.of("x-daytona-skip-last-activity-update", "TRUE")).statusCode()).isEqualTo(200);
        assertThat(USED).isEmpty();
    }

    @Test
    void aRefusedRequestDoesNotCount() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/toolbox/box-1/version"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(USED).isEmpty();
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Authorization", "Bearer dtn_test");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
