package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access to previews (and the toolbox) is remembered for a second so that busy pages cost the
 * database nothing, yet taking access away is honoured within that bound or at once: each test
 * keeps using a credential (so a grant is remembered), revokes it, and measures how long it still
 * opened the sandbox.
 */
@ExtendWith(PlatformExtension.class)
class PreviewRevocationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The grant caches' lifetime (1 s) plus room for a slow machine. */
    private static final Duration CACHED_BOUND = Duration.ofMillis(2_500);

    private static Platform platform;
    private static TestSandbox sandbox;

    @BeforeAll
    static void startServer(Platform running) throws Exception {
        platform = running;
        sandbox = TestSandbox.create(platform, Map.of());
        serve(sandbox);
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void serve(TestSandbox target) throws InterruptedException {
        target.toolbox().post("/process/session", Map.of("sessionId", "web"));
        target.toolbox().post("/process/session/web/exec", Map.of("command",
                "mkdir -p ~/site && cd ~/site && echo revocable > index.html && python3 -m http.server 3000", "runAsync", true));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!target.toolbox().get("/port/3000/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("the web server never listened").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void anExpiredSignedUrlIsRefusedAtOnce() throws Exception {
        JsonNode signed = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=600").json();
        String host = URI.create(signed.get("url").asText()).getAuthority();
        for (int i = 0; i < 5; i++) {
            assertThat(status(host, Map.of())).isEqualTo(200);
        }
        Api.Reply expired = sandbox.api().post("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url/" + signed.get("token").asText() + "/expire", null);
        assertThat(expired.status()).isEqualTo(200);
        assertThat(status(host, Map.of())).as("the first request after the expiry").isEqualTo(401);
    }

    @Test
    void aSignedUrlStopsWorkingWhenItsTimeIsUp() throws Exception {
        Instant asked = Instant.now();
        String host = URI.create(sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=2")
                .json().get("url").asText()).getAuthority();
        Instant answered = Instant.now();
        Instant lastOpened = null;
        Instant deadline = answered.plusSeconds(10);
        while (true) {
            Instant sent = Instant.now();
            int status = status(host, Map.of());
            if (status != 200) {
                assertThat(status).isEqualTo(401);
                break;
            }
            lastOpened = sent;
            assertThat(sent).as("still open").isBefore(deadline);
            Thread.sleep(20);
        }
        assertThat(lastOpened).as("it worked before it expired").isNotNull();
        // It was made (and its expiry counted) between asked and answered.
        assertThat(lastOpened).as("no request sent after the expiry was let in").isBefore(answered.plusSeconds(2));
        assertThat(Duration.between(asked, Instant.now())).as("refused soon after the expiry").isLessThan(Duration.ofSeconds(2).plus(CACHED_BOUND));
    }

    @Test
    void aDeletedKeyIsRefusedWithinTheBoundForPreviewsAndTheToolbox() throws Exception {
        String name = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = sandbox.api().post("/api-keys", Map.of("name", name, "permissions", List.of("write:sandboxes")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("value").asText();
        String host = "3000-" + sandbox.id() + "." + platform.proxyUrl().getAuthority();
        Map<String, String> authorization = Map.of("Authorization", "Bearer " + key);
        Api toolbox = sandbox.toolbox().withKey(java.util.Optional.of(key));
        for (int i = 0; i < 5; i++) {
            assertThat(status(host, authorization)).isEqualTo(200);
            assertThat(toolbox.get("/port/3000/in-use").status()).isEqualTo(200);
        }
        assertThat(sandbox.api().delete("/api-keys/" + name).status()).isEqualTo(204);
        Instant revoked = Instant.now();
        Duration preview = untilRefused(() -> status(host, authorization));
        assertThat(preview).as("a deleted key still opened the preview for").isLessThan(CACHED_BOUND);
        untilRefused(() -> toolbox.get("/port/3000/in-use").status());
        assertThat(Duration.between(revoked, Instant.now())).as("a deleted key still reached the toolbox for less than").isLessThan(CACHED_BOUND);
        assertThat(status(host, authorization)).isEqualTo(401);
    }

    @Test
    void aSandboxMadePrivateIsRefusedWithinTheBound(Platform running) throws Exception {
        try (TestSandbox shared = TestSandbox.create(running, Map.of("public", true))) {
            serve(shared);
            String host = "3000-" + shared.id() + "." + platform.proxyUrl().getAuthority();
            for (int i = 0; i < 5; i++) {
                assertThat(status(host, Map.of())).isEqualTo(200);
            }
            assertThat(shared.api().post("/sandbox/" + shared.id() + "/public/false", null).status()).isEqualTo(200);
            assertThat(untilRefused(() -> status(host, Map.of()))).as("still open without credentials for").isLessThan(CACHED_BOUND);
            assertThat(status(host, Map.of())).isEqualTo(401);
        }
    }

    @Test
    void theOldPreviewTokenIsRefusedAsSoonAsTheSandboxIsStoppedAndAfterItStarts(Platform running) throws Exception {
        try (TestSandbox restarted = TestSandbox.create(running, Map.of())) {
            serve(restarted);
            Api api = restarted.api();
            JsonNode preview = api.get("/sandbox/" + restarted.id() + "/ports/3000/preview-url").json();
            String host = URI.create(preview.get("url").asText()).getAuthority();
            Map<String, String> token = Map.of("X-Daytona-Preview-Token", preview.get("token").asText());
            for (int i = 0; i < 5; i++) {
                assertThat(status(host, token)).isEqualTo(200);
            }
            api.post("/sandbox/" + restarted.id() + "/stop", null);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!api.get("/sandbox/" + restarted.id()).json().get("state").asText().equals("stopped")) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(status(host, token)).as("the first request with the token once the sandbox is stopped").isEqualTo(401);
            Instant asked = Instant.now();
            HttpResponse<String> stopped = send(host, Map.of("Authorization", "Bearer " + platform.adminKey()));
            assertThat(Duration.between(asked, Instant.now())).as("a stopped sandbox answers at once").isLessThan(Duration.ofSeconds(2));
            assertThat(stopped.statusCode()).isEqualTo(409);
            assertThat(stopped.body()).contains("state: stopped");

            api.post("/sandbox/" + restarted.id() + "/start", null);
            while (!api.get("/sandbox/" + restarted.id()).json().get("state").asText().equals("started")) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(status(host, token)).as("the token of before the stop").isEqualTo(401);
        }
    }

    /** A status code, which the supplier may fail to get. */
    @FunctionalInterface
    private interface Status {
        int get() throws Exception;
    }

    /** How long a credential kept opening the sandbox after it was revoked (requests every 20 ms). */
    private static Duration untilRefused(Status request) throws Exception {
        Instant start = Instant.now();
        Instant lastOpened = null;
        while (true) {
            Instant sent = Instant.now();
            int status = request.get();
            if (status != 200) {
                assertThat(status).as("refused as unauthorized").isEqualTo(401);
                return lastOpened == null ? Duration.ZERO : Duration.between(start, lastOpened);
            }
            lastOpened = sent;
            assertThat(Duration.between(start, sent)).as("still open").isLessThan(Duration.ofSeconds(10));
            Thread.sleep(20);
        }
    }

    private static int status(String host, Map<String, String> headers) throws Exception {
        return send(host, headers).statusCode();
    }

    /** Sends to the proxy itself with the preview host name, as a browser resolving it would. */
    private static HttpResponse<String> send(String host, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/index.html")).header("Host", host)
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
