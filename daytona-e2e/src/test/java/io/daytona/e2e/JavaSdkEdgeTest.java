package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.PortPreviewUrl;
import io.daytona.model.sandbox.SignedPortPreviewUrl;
import io.daytona.model.ssh.SshAccess;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SSH access and preview URLs through the Java SDK. */
@ExtendWith(PlatformExtension.class)
class JavaSdkEdgeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sshAccessIsCreatedValidatedAndRevoked(Platform platform) throws Exception {
        try (Daytona daytona = client(platform)) {
            Sandbox sandbox = daytona.create();
            try {
                SshAccess access = sandbox.createSshAccess(Duration.ofMinutes(5));
                assertThat(access.sandboxId()).isEqualTo(sandbox.getId());
                assertThat(Duration.between(access.createdAt(), access.expiresAt())).isEqualTo(Duration.ofMinutes(5));
                assertThat(sandbox.validateSshAccess(access.token()).valid()).isTrue();
                assertThat(sandbox.validateSshAccess(access.token()).sandboxId()).isEqualTo(sandbox.getId());

                List<String> ssh = new java.util.ArrayList<>(List.of(access.sshCommand().replace("@localhost", "@127.0.0.1").split(" ")));
                ssh.addAll(1, List.of("-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                        "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR"));
                ssh.add("echo from-the-sdk");
                Process process = new ProcessBuilder(ssh).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(output).isEqualTo("from-the-sdk\n");

                sandbox.revokeSshAccess(access.token());
                assertThat(sandbox.validateSshAccess(access.token()).valid()).isFalse();
                SshAccess second = sandbox.createSshAccess();
                sandbox.revokeAllSshAccess();
                assertThat(sandbox.validateSshAccess(second.token()).valid()).isFalse();
                assertThatThrownBy(() -> sandbox.createSshAccess(Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
            } finally {
                sandbox.delete();
            }
        }
    }

    @Test
    void signedPreviewUrlsOpenAPortUntilExpired(Platform platform) throws Exception {
        try (Daytona daytona = client(platform)) {
            Sandbox sandbox = daytona.create();
            try {
                sandbox.getProcess().createSession("web");
                sandbox.getProcess().executeSessionCommand("web", new SessionExecuteRequest(
                        "mkdir -p ~/site && cd ~/site && echo 'sdk preview' > index.html && python3 -m http.server 8080", true, null, null));
                PortPreviewUrl link = sandbox.getPreviewLink(8080);
                assertThat(link.url()).contains("8080-" + sandbox.getId());
                SignedPortPreviewUrl signed = sandbox.getSignedPreviewUrl(8080, Duration.ofMinutes(2));
                assertThat(signed.port()).isEqualTo(8080);
                assertThat(signed.url()).isEqualTo("http://8080-" + signed.token() + "." + platform.proxyUrl().getAuthority());
                assertThat(await(platform, signed.url() + "/index.html")).isEqualTo("sdk preview\n");

                sandbox.expireSignedPreviewUrl(8080, signed.token());
                assertThat(status(platform, signed.url() + "/index.html")).isEqualTo(401);
                assertThatThrownBy(() -> sandbox.expireSignedPreviewUrl(8080, signed.token())).isInstanceOf(DaytonaNotFoundException.class);
            } finally {
                sandbox.delete();
            }
        }
    }

    private static Daytona client(Platform platform) {
        return new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
    }

    private static String await(Platform platform, String url) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            HttpResponse<String> response = HTTP.send(request(platform, url), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            assertThat(Instant.now()).as("last answer %d: %s", response.statusCode(), response.body()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static int status(Platform platform, String url) throws Exception {
        return HTTP.send(request(platform, url), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(Platform platform, String previewUrl) {
        URI preview = URI.create(previewUrl);
        return HttpRequest.newBuilder(URI.create(platform.proxyUrl() + preview.getRawPath())).header("Host", preview.getAuthority()).build();
    }
}
