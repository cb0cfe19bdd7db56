package io.daytona.daemon.pty;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.http.HttpServer;
import io.daytona.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebTerminalTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WebTerminal(workDir, Clock.systemUTC(), Json.newMapper()).start(0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void servesThePageAndTheXtermFilesPackagedAtBuildTime() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"terminal\"></div>").contains("src=\"xterm.js\"").contains("href=\"xterm.css\"");

        HttpResponse<String> script = get("/xterm.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(script.body()).as("xterm.js from npm, not a placeholder").hasSizeGreaterThan(100_000).contains("Terminal");
        assertThat(get("/xterm.css").body()).contains(".xterm");
    }

    @Test
    void theSocketPathAnswersPlainRequestsWithWhatToDo() throws Exception {
        HttpResponse<String> plain = get("/ws");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("open / in a browser");
        assertThat(get("/other").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
