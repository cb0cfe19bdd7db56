package io.daytona.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH gateway with Debian's OpenSSH client: the token from {@code POST /ssh-access} is the
 * user name, and ssh, scp, sftp and {@code ssh -L} reach inside the sandbox until it is revoked.
 */
@ExtendWith(PlatformExtension.class)
class SshGatewayTest {
    private static final Pattern PORT = Pattern.compile("-p (\\d+) ");
    private static TestSandbox sandbox;
    private static String token;
    private static int sshPort;

    @TempDir
    Path local;

    @BeforeAll
    static void createSandboxAndAccess(Platform platform) {
        sandbox = TestSandbox.create(platform, Map.of());
        Api.Reply created = sandbox.api().post("/sandbox/" + sandbox.id() + "/ssh-access?expiresInMinutes=30", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode access = created.json();
        token = access.get("token").asText();
        assertThat(access.get("sandboxId").asText()).isEqualTo(sandbox.id());
        assertThat(Duration.between(Instant.parse(access.get("createdAt").asText()), Instant.parse(access.get("expiresAt").asText())))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(access.get("id").asText()).isNotBlank();
        assertThat(access.get("updatedAt").asText()).isNotBlank();
        String command = access.get("sshCommand").asText();
        assertThat(command).startsWith("ssh -p ").endsWith(" " + token + "@localhost");
        Matcher port = PORT.matcher(command);
        assertThat(port.find()).isTrue();
        sshPort = Integer.parseInt(port.group(1));
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aCommandRunsAsTheSandboxUserWithItsOutputAndExitCode() throws Exception {
        Result result = ssh(token, "echo hi; whoami; pwd; exit 3");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("hi\ndaytona\n/home/daytona\n");

        Result stderr = ssh(token, "echo oops >&2; false");
        assertThat(stderr.exitCode()).isEqualTo(1);
        assertThat(stderr.stderr()).contains("oops");
        assertThat(stderr.stdout()).isEmpty();
    }

    @Test
    void standardInputReachesTheCommandAndItsEndIsSeen() throws Exception {
        byte[] input = new byte[200_000];
        new Random(7).nextBytes(input);
        Result result = run(input, sshCommand(token, "sha256sum"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith(sha256(input) + " ");
    }

    @Test
    void scpCopiesFilesBothWaysUnchanged() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path up = local.resolve("up.bin");
        Files.write(up, content);
        String remote = token + "@127.0.0.1";

        Result upload = run(null, List.of("scp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR", "-P", String.valueOf(sshPort), up.toString(), remote + ":copied.bin"));
        assertThat(upload.exitCode()).as(upload.stderr()).isZero();
        assertThat(ssh(token, "sha256sum copied.bin").stdout()).startsWith(sha256(content) + " ");

        Path down = local.resolve("down.bin");
        Result download = run(null, List.of("scp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR", "-P", String.valueOf(sshPort), remote + ":copied.bin", down.toString()));
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        assertThat(sha256(Files.readAllBytes(down))).isEqualTo(sha256(content));

        // sftp -b implies BatchMode, which allows keys only: any key is accepted with a good token.
        Path key = local.resolve("id_ed25519");
        assertThat(run(null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())).exitCode()).isZero();
        Result sftp = run("pwd\nls -l copied.bin\n".getBytes(UTF_8), List.of("sftp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-i", key.toString(), "-o", "LogLevel=ERROR",
                "-P", String.valueOf(sshPort), "-b", "-", remote));
        assertThat(sftp.exitCode()).as(sftp.stderr()).isZero();
        assertThat(sftp.stdout()).contains("/home/daytona").contains(String.valueOf(content.length));
    }

    @Test
    void localPortForwardingReachesAServerOnTheSandboxsLoopback() throws Exception {
        sandbox.toolbox().post("/process/session", Map.of("sessionId", "ssh-forward"));
        sandbox.toolbox().post("/process/session/ssh-forward/exec", Map.of("command",
                "mkdir -p ~/www && cd ~/www && echo 'through the tunnel' > index.html && python3 -m http.server 8765 --bind 127.0.0.1",
                "runAsync", true));
        int localPort;
        try (ServerSocket free = new ServerSocket(0)) {
            localPort = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(sshOptions());
        command.addAll(List.of("-N", "-L", localPort + ":localhost:8765", token + "@127.0.0.1"));
        Process tunnel = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(30);
            String body = null;
            while (body == null) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/index.html"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        body = response.body();
                    }
                } catch (IOException notYet) {
                    // the tunnel or the server is not up yet
                }
                if (body == null) {
                    if (!tunnel.isAlive()) {
                        throw new AssertionError("ssh -L exited: " + new String(tunnel.getInputStream().readAllBytes(), UTF_8));
                    }
                    assertThat(Instant.now()).as("the forwarded port never answered").isBefore(deadline);
                    Thread.sleep(200);
                }
            }
            assertThat(body).isEqualTo("through the tunnel\n");
        } finally {
            tunnel.destroy();
            tunnel.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anInteractiveShellHasATerminalThatFollowsTheWindowSize() throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            try (ClientSession session = client.connect(token, "127.0.0.1", sshPort).verify(Duration.ofSeconds(10)).getSession()) {
                session.auth().verify(Duration.ofSeconds(10));
                try (ChannelShell shell = session.createShellChannel()) {
                    shell.setPtyColumns(100);
                    shell.setPtyLines(30);
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    shell.setOut(output);
                    shell.setErr(output);
                    shell.setUsePty(true);
                    shell.open().verify(Duration.ofSeconds(10));
                    OutputStream in = shell.getInvertedIn();
                    type(in, "stty size; tty\n");
                    awaitOutput(output, "30 100");
                    shell.sendWindowChange(120, 40);
                    type(in, "stty size\n");
                    awaitOutput(output, "40 120");
                    assertThat(output.toString(UTF_8)).contains("/dev/pts/");
                    type(in, "exit 5\n");
                    shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
                    assertThat(shell.getExitStatus()).isEqualTo(5);
                }
            }
        }
    }

    @Test
    void aRevokedTokenIsRefusedAndValidationFollows() throws Exception {
        Api api = sandbox.api();
        String other = api.post("/sandbox/" + sandbox.id() + "/ssh-access", null).json().get("token").asText();
        JsonNode valid = api.get("/sandbox/ssh-access/validate?token=" + other).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("sandboxId").asText()).isEqualTo(sandbox.id());
        assertThat(ssh(other, "echo in").stdout()).isEqualTo("in\n");

        Api.Reply revoked = api.delete("/sandbox/" + sandbox.id() + "/ssh-access?token=" + other);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("id").asText()).isEqualTo(sandbox.id());
        Result refused = ssh(other, "echo in");
        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Permission denied");
        assertThat(refused.stdout()).isEmpty();
        assertThat(api.get("/sandbox/ssh-access/validate?token=" + other).json().get("valid").asBoolean()).isFalse();
        // Every way in is closed to the revoked token: scp, sftp and port forwarding too.
        Path file = Files.writeString(local.resolve("refused.txt"), "x");
        Result scp = run(null, List.of("scp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR", "-P", String.valueOf(sshPort), file.toString(), other + "@127.0.0.1:refused.txt"));
        assertThat(scp.exitCode()).as("scp with a revoked token").isNotZero();
        assertThat(scp.stderr()).contains("Permission denied");
        Result sftp = run("pwd\n".getBytes(UTF_8), List.of("sftp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-P", String.valueOf(sshPort), "-b", "-", other + "@127.0.0.1"));
        assertThat(sftp.exitCode()).as("sftp with a revoked token").isNotZero();
        int localPort;
        try (ServerSocket free = new ServerSocket(0)) {
            localPort = free.getLocalPort();
        }
        List<String> forward = new ArrayList<>(sshOptions());
        forward.addAll(List.of("-N", "-o", "ExitOnForwardFailure=yes", "-L", localPort + ":localhost:3000", other + "@127.0.0.1"));
        Result tunnel = run(null, forward);
        assertThat(tunnel.exitCode()).as("ssh -L with a revoked token").isEqualTo(255);
        assertThat(tunnel.stderr()).contains("Permission denied");
        assertThat(ssh(token, "echo still").stdout()).as("other tokens keep working").isEqualTo("still\n");

        assertThat(api.post("/sandbox/" + sandbox.id() + "/ssh-access?expiresInMinutes=0", null).status()).isEqualTo(400);
        assertThat(api.post("/sandbox/" + sandbox.id() + "/ssh-access?expiresInMinutes=soon", null).status()).isEqualTo(400);
        assertThat(api.get("/sandbox/ssh-access/validate").status()).isEqualTo(400);
        assertThat(ssh("not-a-token", "echo in").exitCode()).isEqualTo(255);
    }

    @Test
    void aStoppedSandboxSaysSoAndRevokingAllEndsEveryToken(Platform platform) throws Exception {
        try (TestSandbox stopped = TestSandbox.create(platform, Map.of())) {
            Api api = stopped.api();
            String first = api.post("/sandbox/" + stopped.id() + "/ssh-access", null).json().get("token").asText();
            String second = api.post("/sandbox/" + stopped.id() + "/ssh-access", null).json().get("token").asText();
            api.post("/sandbox/" + stopped.id() + "/stop", null);
            Instant deadline = Instant.now().plusSeconds(30);
            while (!api.get("/sandbox/" + stopped.id()).json().get("state").asText().equals("stopped")) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(100);
            }
            Result result = ssh(first, "echo in");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("is not running (state: stopped)").contains("start it");

            assertThat(api.delete("/sandbox/" + stopped.id() + "/ssh-access").status()).isEqualTo(200);
            assertThat(ssh(first, "echo in").exitCode()).isEqualTo(255);
            assertThat(ssh(second, "echo in").exitCode()).isEqualTo(255);
        }
    }

    private static void type(OutputStream in, String text) throws IOException {
        in.write(text.getBytes(UTF_8));
        in.flush();
    }

    private static void awaitOutput(ByteArrayOutputStream output, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!output.toString(UTF_8).contains(expected)) {
            assertThat(Instant.now()).as("expected '%s' in: %s", expected, output.toString(UTF_8)).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> sshOptions() {
        return List.of("ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR", "-p", String.valueOf(sshPort));
    }

    private static List<String> sshCommand(String user, String remoteCommand) {
        List<String> command = new ArrayList<>(sshOptions());
        command.add(user + "@127.0.0.1");
        command.add(remoteCommand);
        return command;
    }

    private static Result ssh(String user, String remoteCommand) throws Exception {
        return run(null, sshCommand(user, remoteCommand));
    }

    /**
     * @param stdout what the program wrote on stdout
     * @param stderr what it wrote on stderr
     * @param exitCode its exit code
     */
    private record Result(String stdout, String stderr, int exitCode) {}

    private static Result run(byte[] input, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input);
                }
            } catch (IOException ignored) {
                // the program stopped reading
            }
        });
        var stderr = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofVirtual().start(() -> {
            try {
                stderr.complete(process.getErrorStream().readAllBytes());
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s did not finish", command).isTrue();
        feeder.join();
        return new Result(new String(stdout, UTF_8), new String(stderr.get(), UTF_8), process.exitValue());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
