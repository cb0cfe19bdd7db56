package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Preview URLs: a web server in a sandbox, reached through the proxy by its preview host name. */
@ExtendWith(PlatformExtension.class)
class PreviewTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPrivateSandboxsPortOpensWithItsPreviewTokenOrAnApiKey(Platform platform) throws Exception {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of()).as(Sandbox.class);
        try {
            serve(api.toolbox(platform, sandbox.id()));
            JsonNode preview = api.get("/sandbox/" + sandbox.id() + "/ports/8080/preview-url").json();
            String url = preview.get("url").asText();
            assertThat(url).isEqualTo("http://8080-" + sandbox.id() + "." + platform.proxyUrl().getAuthority());
            String token = preview.get("token").asText();
            assertThat(token).hasSize(32);

            assertThat(get(platform, url, Map.of()).statusCode()).isEqualTo(401);
            assertThat(get(platform, url, Map.of("X-Daytona-Preview-Token", "wrong")).statusCode()).isEqualTo(401);
            HttpResponse<String> withToken = get(platform, url + "/index.html", Map.of("X-Daytona-Preview-Token", token));
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).isEqualTo("preview works\n");
            assertThat(get(platform, url + "/index.html", Map.of("Authorization", "Bearer " + platform.adminKey())).body())
                    .isEqualTo("preview works\n");
            assertThat(get(platform, url.replace("8080-", "8081-"), Map.of("X-Daytona-Preview-Token", token)).statusCode())
                    .as("nothing listens on 8081").isEqualTo(502);

            api.post("/sandbox/" + sandbox.id() + "/stop", null);
            for (int i = 0; i < 200 && !api.get("/sandbox/" + sandbox.id()).json().get("state").asText().equals("stopped"); i++) {
                Thread.sleep(100);
            }
            assertThat(get(platform, url, Map.of("X-Daytona-Preview-Token", token)).statusCode())
                    .as("the preview token changes when the sandbox stops").isEqualTo(401);
            HttpResponse<String> stopped = get(platform, url, Map.of("Authorization", "Bearer " + platform.adminKey()));
            assertThat(stopped.statusCode()).isEqualTo(409);
            assertThat(stopped.body()).contains("not running");
            assertThat(api.get("/sandbox/" + sandbox.id() + "/ports/70000/preview-url").status()).isEqualTo(400);
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }
    }

    @Test
    void aPublicSandboxsPortsOpenWithoutCredentialsButNotItsTerminal(Platform platform) throws Exception {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of("public", true)).as(Sandbox.class);
        try {
            serve(api.toolbox(platform, sandbox.id()));
            String url = api.get("/sandbox/" + sandbox.id() + "/ports/8080/preview-url").json().get("url").asText();
            assertThat(get(platform, url + "/index.html", Map.of()).body()).isEqualTo("preview works\n");
            assertThat(get(platform, url.replace("8080-", "22222-"), Map.of()).statusCode()).isEqualTo(401);
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }
    }

    private static void serve(Api toolbox) throws InterruptedException {
        toolbox.post("/process/session", Map.of("sessionId", "web"));
        toolbox.post("/process/session/web/exec", Map.of("command",
                "mkdir -p ~/site && cd ~/site && echo 'preview works' > index.html && python3 -m http.server 8080", "runAsync", true));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!toolbox.get("/port/8080/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("the web server never listened").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Sends to the proxy itself with the preview URL's host name, as a browser resolving it would. */
    private static HttpResponse<String> get(Platform platform, String previewUrl, Map<String, String> headers) throws Exception {
        URI preview = URI.create(previewUrl);
        URI toProxy = URI.create(platform.proxyUrl() + (preview.getRawPath() == null ? "" : preview.getRawPath()));
        HttpRequest.Builder request = HttpRequest.newBuilder(toProxy).header("Host", preview.getAuthority()).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
