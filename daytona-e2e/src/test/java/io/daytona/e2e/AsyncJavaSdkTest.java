package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.sdk.AsyncSandbox;
import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.ExecutionResult;
import io.daytona.sdk.FileUpload;
import io.daytona.sdk.PtyCreateOptions;
import io.daytona.sdk.PtyHandle;
import io.daytona.sdk.RunCodeOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DaytonaAsync} against the real platform: the scenarios of {@link JavaSdkTest} and
 * {@link JavaSdkToolboxTest}, through futures, plus calls in flight at once.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AsyncJavaSdkTest {
    private DaytonaAsync daytona;
    private AsyncSandbox sandbox;

    @TempDir
    Path local;

    @BeforeAll
    void createSandbox(Platform platform) {
        daytona = new DaytonaAsync(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
        sandbox = daytona.create(CreateSandbox.builder().labels(Map.of("suite", "java-sdk-async")).env(Map.of("GREETING", "hi")).build()).join();
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                sandbox.delete().join();
            }
        } finally {
            daytona.close();
        }
    }

    @Test
    void lifecycleThroughFutures() {
        assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
        ExecuteResponse echo = sandbox.getProcess().executeCommand("echo $GREETING > ~/greeting && cat ~/greeting").join();
        assertThat(echo.result()).isEqualTo("hi\n");
        assertThat(sandbox.getUserHomeDir().join()).isEqualTo("/home/daytona");
        assertThat(daytona.get(sandbox.getId()).join().getId()).isEqualTo(sandbox.getId());
        assertThat(daytona.findOne(Map.of("suite", "java-sdk-async")).join().getId()).isEqualTo(sandbox.getId());
        assertThat(daytona.list(Map.of("suite", "java-sdk-async")).join()).extracting(AsyncSandbox::getId).containsExactly(sandbox.getId());

        sandbox.stop().join();
        assertThat(sandbox.getState()).isEqualTo(SandboxState.STOPPED);
        sandbox.start().join();
        assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
        assertThat(sandbox.getProcess().executeCommand("cat ~/greeting").join().result()).isEqualTo("hi\n");
        assertThat(sandbox.getProcess().executeCommand("exit 7").join().exitCode()).isEqualTo(7);
    }

    @Test
    void failuresCompleteTheFutureWithTheSdksExceptions() {
        assertThatThrownBy(() -> daytona.get("missing-sandbox").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(DaytonaNotFoundException.class).hasMessageStartingWith("Failed to get sandbox: ");
        assertThatThrownBy(() -> daytona.create(CreateSandbox.builder().cpu(-1).build()).join())
                .cause().isInstanceOf(DaytonaValidationException.class);
        assertThatThrownBy(() -> sandbox.getProcess().executeCommand("sleep 30", null, Map.of(), Duration.ofSeconds(1)).join())
                .cause().isInstanceOf(DaytonaTimeoutException.class);
    }

    @Test
    void manyCallsInFlightAtOnce() {
        List<CompletableFuture<ExecuteResponse>> calls = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> sandbox.getProcess().executeCommand("echo " + i))
                .toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join().result()).isEqualTo(i + "\n");
        }
    }

    @Test
    void filesUploadListSearchDownloadAndDelete() throws Exception {
        var fs = sandbox.getFs();
        fs.createFolder("async-files", "755").join();
        Path big = local.resolve("big.bin");
        Files.write(big, new byte[3 * 1024 * 1024]);
        fs.uploadFiles(List.of(
                FileUpload.of("needle in here\n".getBytes(StandardCharsets.UTF_8), "async-files/a.txt"),
                FileUpload.of(big, "async-files/big.bin"))).join();
        assertThat(fs.listFiles("async-files").join()).extracting(FileInfo::name).containsExactlyInAnyOrder("a.txt", "big.bin");
        assertThat(fs.findFiles("async-files", "needle").join()).singleElement().satisfies(match -> assertThat(match.line()).isEqualTo(1));
        assertThat(fs.searchFiles("async-files", "*.bin").join().files()).singleElement().asString().endsWith("big.bin");
        Path back = local.resolve("back.bin");
        fs.downloadFile("async-files/big.bin", back).join();
        assertThat(Files.mismatch(big, back)).isEqualTo(-1);
        assertThat(new String(fs.downloadFile("async-files/a.txt").join(), StandardCharsets.UTF_8)).isEqualTo("needle in here\n");
        fs.deleteFile("async-files", true).join();
        assertThatThrownBy(() -> fs.getFileDetails("async-files").join()).cause().isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    void aSessionKeepsStateAndFollowsLogs() {
        var process = sandbox.getProcess();
        process.createSession("async").join();
        assertThatThrownBy(() -> process.createSession("async").join()).cause().isInstanceOf(DaytonaConflictException.class);
        process.executeSessionCommand("async", "cd /tmp && export WORD=state").join();
        assertThat(process.executeSessionCommand("async", "pwd; echo $WORD").join().stdout()).isEqualTo("/tmp\nstate\n");

        SessionExecuteResponse started = process.executeSessionCommand("async",
                new SessionExecuteRequest("for i in 1 2; do echo out$i; echo err$i >&2; sleep 0.2; done", true, null, null)).join();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        process.getSessionCommandLogs("async", started.cmdId(), stdout::append, stderr::append).join();
        assertThat(stdout).hasToString("out1\nout2\n");
        assertThat(stderr).hasToString("err1\nerr2\n");
        process.deleteSession("async").join();
        assertThatThrownBy(() -> process.getSession("async").join()).cause().isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    void aTerminalRunsWhatIsTypedAndReportsItsExitCode() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PtyHandle pty = sandbox.getProcess().createPty(PtyCreateOptions.builder("async-term")
                .onData(bytes -> {
                    synchronized (output) {
                        output.writeBytes(bytes);
                    }
                })
                .build()).join()) {
            pty.sendInput("echo typed-$((6*7)); exit 5\n");
            assertThat(pty.waitForExit(Duration.ofSeconds(20)).exitCode()).isEqualTo(5);
        }
        synchronized (output) {
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("typed-42");
        }
        sandbox.getProcess().killPtySession("async-term").join();
    }

    @Test
    void theInterpreterKeepsStateAndIsolatesContexts() {
        var interpreter = sandbox.getCodeInterpreter();
        interpreter.runCode("z = 20").join();
        StringBuilder streamed = new StringBuilder();
        ExecutionResult result = interpreter.runCode("print(z + 1)",
                RunCodeOptions.builder().onStdout(message -> streamed.append(message.output())).build()).join();
        assertThat(result.stdout()).isEqualTo("21\n");
        assertThat(streamed).hasToString("21\n");
        InterpreterContext context = interpreter.createContext().join();
        try {
            assertThat(interpreter.runCode("print(z)", RunCodeOptions.builder().context(context).build()).join().error().name())
                    .isEqualTo("NameError");
        } finally {
            interpreter.deleteContext(context).join();
        }
    }

    @Test
    void snapshotsVolumesPreviewsAndLanguageServers() {
        assertThat(daytona.snapshot().list(1, 100).join().items())
                .anySatisfy(snapshot -> assertThat(snapshot.name()).isEqualTo("daytona/sandbox:0.1.0"));
        String name = "async-volume-" + System.nanoTime();
        var volume = daytona.volume().create(name).join();
        assertThat(daytona.volume().get(name).join().id()).isEqualTo(volume.id());
        daytona.volume().delete(volume).join();

        assertThat(sandbox.getPreviewLink(3000).join().url()).contains("3000-" + sandbox.getId());
        assertThat(sandbox.getProcess().codeRun("print(6 * 7)").join().result()).isEqualTo("42\n");

        sandbox.getFs().uploadFile("class Greeter:\n    def hello(self):\n        return 1\n".getBytes(StandardCharsets.UTF_8),
                "lsp-async/greeter.py").join();
        String project = sandbox.getWorkDir().join() + "/lsp-async";
        var lsp = sandbox.createLspServer("python", project);
        lsp.start().join();
        try {
            lsp.didOpen(project + "/greeter.py").join();
            assertThat(lsp.documentSymbols(project + "/greeter.py").join()).extracting(symbol -> symbol.name()).contains("Greeter");
        } finally {
            lsp.stop().join();
        }
    }
}
