package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.model.ssh.SshAccess;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.model.toolbox.lsp.CompletionItem;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspSymbol;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.AsyncFileSystem;
import io.daytona.sdk.AsyncSandbox;
import io.daytona.sdk.AsyncSandboxProcess;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.ExecutionError;
import io.daytona.sdk.ExecutionResult;
import io.daytona.sdk.FileDownloadRequest;
import io.daytona.sdk.FileDownloadResponse;
import io.daytona.sdk.FileUpload;
import io.daytona.sdk.Image;
import io.daytona.sdk.PtyCreateOptions;
import io.daytona.sdk.PtyHandle;
import io.daytona.sdk.PtyResult;
import io.daytona.sdk.Resources;
import io.daytona.sdk.RunCodeOptions;
import io.daytona.sdk.chart.Chart;
import io.daytona.sdk.chart.ChartType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of the blocking client's end-to-end tests ({@link JavaSdkTest}, {@link JavaSdkToolboxTest},
 * {@link JavaSdkEdgeTest}, {@link JavaSdkLifecycleTest}, {@link JavaSdkLspTest},
 * {@link JavaSdkSnapshotsVolumesTest}, {@link JavaSdkSurfaceTest}) that {@link AsyncJavaSdkTest} does not
 * already run, through {@link DaytonaAsync}: each call a future, each failure the blocking call's
 * exception as the future's cause.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class AsyncJavaSdkScenariosTest {
    private static final String BASE = "localhost/daytona/sandbox:0.1.0";

    private DaytonaAsync daytona;
    private AsyncSandbox sandbox;

    @TempDir
    Path local;

    @BeforeAll
    void createSandbox(Platform platform) {
        daytona = new DaytonaAsync(config(platform));
        sandbox = daytona.create(p -> p.labels(Map.of("suite", "java-sdk-async-scenarios"))).join();
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                daytona.delete(sandbox, Duration.ofSeconds(30)).join();
            }
        } finally {
            daytona.close();
        }
    }

    @Test
    void labelsIntervalsPagesAndLookups() {
        assertThat(sandbox.setLabels(Map.of("suite", "java-sdk-async-scenarios", "tier", "gold")).join()).containsEntry("tier", "gold");
        assertThat(sandbox.getLabels()).containsEntry("tier", "gold");
        sandbox.setAutostopInterval(0).join();
        sandbox.setAutoArchiveInterval(0).join();
        sandbox.setAutoDeleteInterval(-1).join();
        assertThat(sandbox.getAutoStopInterval()).isZero();
        assertThat(sandbox.getAutoArchiveInterval()).isEqualTo(43200);
        assertThat(sandbox.getAutoDeleteInterval()).isEqualTo(-1);
        assertThatThrownBy(() -> sandbox.setAutostopInterval(-5).join()).cause().isInstanceOf(DaytonaValidationException.class);
        sandbox.refreshActivity().join();
        sandbox.refreshData().join();
        assertThat(daytona.findOne(sandbox.getName()).join().getId()).isEqualTo(sandbox.getId());
        var page = daytona.list(Map.of("suite", "java-sdk-async-scenarios"), 1, 10).join();
        assertThat(page.items()).extracting(s -> s.getId()).containsExactly(sandbox.getId());
        assertThat(page.total()).isEqualTo(1);
        assertThat(daytona.list(Map.of("suite", "java-sdk-async-scenarios"), 1).join()).extracting(AsyncSandbox::getId)
                .containsExactly(sandbox.getId());
        assertThatThrownBy(() -> daytona.findOne(Map.of("suite", "nobody-has-this")).join())
                .cause().isInstanceOf(DaytonaNotFoundException.class).hasMessageStartingWith("Failed to find sandbox: ");
    }

    @Test
    void serverErrorsCompleteFuturesWithTheExceptionHierarchy(Platform platform) {
        assertThatThrownBy(() -> daytona.create(p -> p.cpu(-1)).join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(DaytonaValidationException.class).hasMessageContaining("cpu must be at least 1");
        try (DaytonaAsync wrongKey = new DaytonaAsync(DaytonaConfig.builder().apiKey("dtn_" + "1".repeat(64))
                .apiUrl(platform.apiUrl().toString()).build())) {
            assertThatThrownBy(() -> wrongKey.list().join()).cause().isInstanceOf(DaytonaAuthenticationException.class);
        }
    }

    @Test
    void filesAreEditedMovedPermittedStreamedAndDownloadedInBulk() throws Exception {
        AsyncFileSystem fs = sandbox.getFs();
        fs.uploadFile("import os\n# TODO: ship\n".getBytes(StandardCharsets.UTF_8), "aproj/src/main.py").join();
        fs.uploadFileStream(new ByteArrayInputStream("streamed\n".getBytes(StandardCharsets.UTF_8)), "aproj/streamed.txt").join();
        try (InputStream in = fs.downloadFileStream("aproj/streamed.txt").join()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("streamed\n");
        }
        List<ReplaceResult> replaced = fs.replaceInFiles(List.of("aproj/src/main.py", "aproj/none.py"), "TODO", "DONE").join();
        assertThat(replaced).extracting(ReplaceResult::file, ReplaceResult::success)
                .containsExactly(tuple("aproj/src/main.py", true), tuple("aproj/none.py", false));
        fs.moveFiles("aproj/src/main.py", "aproj/main.py").join();
        assertThatThrownBy(() -> fs.getFileDetails("aproj/src/main.py").join()).cause().isInstanceOf(DaytonaNotFoundException.class);
        fs.setFilePermissions("aproj/main.py", "daytona", "daytona", "600").join();
        assertThat(fs.getFileDetails("aproj/main.py").join().permissions()).isEqualTo("0600");
        assertThatThrownBy(() -> fs.deleteFile("aproj").join()).cause().isInstanceOf(DaytonaValidationException.class)
                .hasMessageStartingWith("Failed to delete file: ");

        Path target = local.resolve("bulk/main.py");
        List<FileDownloadResponse> responses = fs.downloadFiles(List.of(
                FileDownloadRequest.of("aproj/streamed.txt"), FileDownloadRequest.of("aproj/missing.txt"),
                FileDownloadRequest.of("aproj/main.py", target))).join();
        assertThat(new String(responses.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("streamed\n");
        assertThat(responses.get(1).error()).isInstanceOf(DaytonaNotFoundException.class);
        assertThat(Files.readString(target)).isEqualTo("import os\n# DONE: ship\n");

        Path big = Files.write(local.resolve("big.bin"), new byte[2 * 1024 * 1024 + 5]);
        List<Long> sent = new CopyOnWriteArrayList<>();
        fs.uploadFile(big, "aproj/big.bin", Duration.ofMinutes(2), (done, total) -> sent.add(done)).join();
        assertThat(sent.getLast()).isEqualTo(Files.size(big));
        List<Long> received = new CopyOnWriteArrayList<>();
        Path back = local.resolve("back.bin");
        fs.downloadFile("aproj/big.bin", back, Duration.ofMinutes(2), (done, total) -> received.add(done)).join();
        assertThat(received.getLast()).isEqualTo(Files.size(big));
        assertThat(Files.mismatch(big, back)).isEqualTo(-1);
        fs.deleteFile("aproj", true).join();
        assertThatThrownBy(() -> fs.listFiles("aproj").join()).cause().isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    void sessionCommandsAreInspectedAndFedInput() {
        AsyncSandboxProcess process = sandbox.getProcess();
        process.createSession("async-inspect").join();
        SessionExecuteResponse started = process.executeSessionCommand("async-inspect",
                new SessionExecuteRequest("echo out; echo err >&2", true, null, null)).join();
        process.getSessionCommandLogs("async-inspect", started.cmdId(), text -> { }, text -> { }).join();
        assertThat(process.getSessionCommand("async-inspect", started.cmdId()).join().exitCode()).isZero();
        var logs = process.getSessionCommandLogs("async-inspect", started.cmdId()).join();
        assertThat(logs.stdout()).isEqualTo("out\n");
        assertThat(logs.stderr()).isEqualTo("err\n");

        SessionExecuteResponse reader = process.executeSessionCommand("async-inspect",
                new SessionExecuteRequest("read name; echo hi $name", true, null, null)).join();
        process.sendSessionCommandInput("async-inspect", reader.cmdId(), "ada\n").join();
        StringBuilder greeting = new StringBuilder();
        process.getSessionCommandLogs("async-inspect", reader.cmdId(), greeting::append, text -> { }).join();
        assertThat(greeting).hasToString("hi ada\n");
        assertThat(process.listSessions().join()).extracting(session -> session.sessionId()).contains("async-inspect");
        assertThat(process.executeSessionCommand("async-inspect", new SessionExecuteRequest("(exit 4)", null, null, null), Duration.ofSeconds(30)).join().exitCode()).isEqualTo(4);
        process.deleteSession("async-inspect").join();
    }

    @Test
    void aTerminalResizesAndAKilledOneReportsTheSignalToEveryClient() {
        AsyncSandboxProcess process = sandbox.getProcess();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream seenBySecond = new ByteArrayOutputStream();
        try (PtyHandle first = process.createPty(PtyCreateOptions.builder("async-resize").cols(100).rows(30)
                .onData(bytes -> write(output, bytes)).build()).join();
                PtyHandle second = process.connectPty("async-resize", bytes -> write(seenBySecond, bytes)).join()) {
            PtySessionInfo resized = process.resizePtySession("async-resize", 120, 40).join();
            assertThat(List.of(resized.cols(), resized.rows())).containsExactly(120, 40);
            first.sendInput("stty size; echo shared-$((6*7))\n");
            awaitOutput(() -> text(output), "40 120");
            awaitOutput(() -> text(seenBySecond), "shared-42");
            assertThat(process.listPtySessions().join()).extracting(PtySessionInfo::id).contains("async-resize");
            assertThat(process.getPtySessionInfo("async-resize").join().active()).isTrue();
            process.killPtySession("async-resize").join();
            PtyResult result = first.waitForExit(Duration.ofSeconds(20));
            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(result.error()).isEqualTo("SIGKILL");
            assertThat(second.waitForExit(Duration.ofSeconds(20)).exitCode()).isEqualTo(137);
        }
        assertThatThrownBy(() -> process.getPtySessionInfo("async-resize").join()).cause().isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    void theInterpreterReportsErrorsTakesEnvironmentsAndTimesOut() {
        var interpreter = sandbox.getCodeInterpreter();
        List<ExecutionError> reported = new ArrayList<>();
        ExecutionResult failed = interpreter.runCode("print('before')\n1 / 0", RunCodeOptions.builder().onError(reported::add).build()).join();
        assertThat(failed.stdout()).isEqualTo("before\n");
        assertThat(failed.error().name()).isEqualTo("ZeroDivisionError");
        assertThat(reported).containsExactly(failed.error());
        assertThat(interpreter.runCode("import os\nprint(os.environ['LEVEL'])", RunCodeOptions.builder().envs(Map.of("LEVEL", "7")).build())
                .join().stdout()).isEqualTo("7\n");
        InterpreterContext context = interpreter.createContext("/tmp").join();
        try {
            RunCodeOptions inContext = RunCodeOptions.builder().context(context).build();
            assertThat(interpreter.runCode("import os\nprint(os.getcwd())", inContext).join().stdout()).isEqualTo("/tmp\n");
            assertThat(interpreter.listContexts().join()).extracting(InterpreterContext::id).contains(context.id());
            Instant start = Instant.now();
            assertThatThrownBy(() -> interpreter.runCode("import time\ntime.sleep(30)",
                    RunCodeOptions.builder().context(context).timeout(Duration.ofSeconds(1)).build()).join())
                    .cause().isInstanceOf(DaytonaTimeoutException.class).hasMessageStartingWith("Failed to run code: ");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        } finally {
            interpreter.deleteContext(context).join();
        }
        assertThat(interpreter.listContexts().join()).extracting(InterpreterContext::id).doesNotContain(context.id());
    }

    @Test
    void sshAccessAndSignedPreviewUrlsAreCreatedAndRevoked() {
        SshAccess access = sandbox.createSshAccess(Duration.ofMinutes(5)).join();
        assertThat(sandbox.validateSshAccess(access.token()).join().valid()).isTrue();
        sandbox.revokeSshAccess(access.token()).join();
        assertThat(sandbox.validateSshAccess(access.token()).join().valid()).isFalse();
        SshAccess second = sandbox.createSshAccess().join();
        sandbox.revokeAllSshAccess().join();
        assertThat(sandbox.validateSshAccess(second.token()).join().valid()).isFalse();

        var signed = sandbox.getSignedPreviewUrl(8080, Duration.ofMinutes(2)).join();
        assertThat(signed.url()).contains("8080-" + signed.token());
        assertThat(sandbox.getSignedPreviewUrl(8080).join().token()).isNotEqualTo(signed.token());
        sandbox.expireSignedPreviewUrl(8080, signed.token()).join();
        assertThatThrownBy(() -> sandbox.expireSignedPreviewUrl(8080, signed.token()).join())
                .cause().isInstanceOf(DaytonaNotFoundException.class).hasMessageStartingWith("Failed to expire signed preview url: ");
    }

    @Test
    void typedChartsNetworkSettingsAndTheMissingEntrypointSession() {
        var run = sandbox.getProcess().codeRun("import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.title('Down')\nplt.show()").join();
        assertThat(run.artifacts().charts()).extracting(Chart::type, Chart::title).containsExactly(tuple(ChartType.LINE, "Down"));

        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "10.0.0.0/8", null)).join();
        assertThat(sandbox.getNetworkAllowList()).isEqualTo("10.0.0.0/8");
        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "", null)).join();

        assertThatThrownBy(() -> sandbox.getProcess().getEntrypointSession().join()).cause()
                .isInstanceOf(DaytonaNotFoundException.class).hasMessageContaining(".daytona/entrypoint.log");
        assertThatThrownBy(() -> sandbox.getProcess().getEntrypointLogs(out -> { }, err -> { }).join()).cause()
                .isInstanceOf(DaytonaNotFoundException.class).hasMessageContaining(".daytona/entrypoint.log");
    }

    /** {@link JavaSdkLifecycleTest} and the timeouts of {@link JavaSdkSurfaceTest}, on a sandbox of its own. */
    @Test
    void resizesArchivesRestoresAndWaitsWithTimeouts() {
        AsyncSandbox own = daytona.create().join();
        try {
            own.resize(Resources.builder().cpu(2).memory(2).build()).join();
            assertThat(own.getCpu()).isEqualTo(2);
            assertThatThrownBy(() -> own.archive().join()).cause().isInstanceOf(DaytonaConflictException.class);
            assertThatThrownBy(() -> own.recover().join()).cause().isInstanceOf(DaytonaConflictException.class);
            own.getProcess().executeCommand("echo kept > ~/note").join();
            daytona.stop(own, Duration.ofSeconds(60)).join();
            assertThatThrownBy(() -> own.waitUntilStarted(Duration.ofSeconds(1)).join()).cause()
                    .isInstanceOf(DaytonaTimeoutException.class).hasMessageStartingWith("Failure during waiting for sandbox to start: ");
            own.archive(Duration.ofSeconds(120)).join();
            assertThat(own.getState()).isEqualTo(SandboxState.ARCHIVED);
            assertThat(own.getBackupState()).isEqualTo("Completed");
            daytona.start(own, Duration.ofSeconds(120)).join();
            own.waitUntilStarted(Duration.ofSeconds(5)).join();
            assertThat(own.getProcess().executeCommand("cat ~/note").join().result()).isEqualTo("kept\n");
            assertThat(own.getCpu()).isEqualTo(2);
        } finally {
            own.delete().join();
        }
    }

    /** {@link JavaSdkLspTest} in a TypeScript sandbox. */
    @Test
    void languageServersAnswerAndCodeRunUsesTheSandboxLanguage() {
        AsyncSandbox typescript = daytona.create(p -> p.labels(Map.of(Daytona.LANGUAGE_LABEL, "typescript"))).join();
        try {
            typescript.getFs().uploadFiles(List.of(
                    FileUpload.of(LspApiTest.PYTHON_SOURCE.getBytes(StandardCharsets.UTF_8), LspApiTest.PYTHON_FILE),
                    FileUpload.of(LspApiTest.TS_SOURCE.getBytes(StandardCharsets.UTF_8), LspApiTest.TS_FILE))).join();
            var python = typescript.createLspServer("python", LspApiTest.PYTHON_PROJECT);
            python.start().join();
            try {
                python.didOpen(LspApiTest.PYTHON_FILE).join();
                assertThat(python.workspaceSymbols("make").join()).extracting(LspSymbol::name).containsExactly("make_greeter");
                assertThat(python.completions(LspApiTest.PYTHON_FILE, new LspPosition(10, 10)).join().items())
                        .extracting(CompletionItem::label).anyMatch(label -> label.startsWith("greet"));
                python.didClose(LspApiTest.PYTHON_FILE).join();
            } finally {
                python.stop().join();
            }
            var ts = typescript.createLspServer("typescript", LspApiTest.TS_PROJECT);
            ts.start().join();
            try {
                ts.didOpen(LspApiTest.TS_FILE).join();
                assertThat(ts.sandboxSymbols("makeGreet").join()).extracting(LspSymbol::name).contains("makeGreeter");
            } finally {
                ts.stop().join();
            }
            var run = typescript.getProcess().codeRun("console.log(process.argv.slice(2).join('+'), process.env.WHO); process.exit(5);",
                    List.of("x", "y"), Map.of("WHO", "java"), Duration.ofSeconds(60)).join();
            assertThat(run.exitCode()).as(run.result()).isEqualTo(5);
            assertThat(run.result()).isEqualTo("x+y java\n");
        } finally {
            typescript.delete().join();
        }
    }

    /** {@link JavaSdkSnapshotsVolumesTest}: a snapshot built with local files, a sandbox built from an image, a shared volume. */
    @Test
    void snapshotsAndSandboxesAreBuiltFromImagesAndVolumesAreShared() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(local.resolve("hello.txt"), "hello " + marker + "\n");
        Image image = Image.base(BASE).addLocalFile(file, "/home/daytona/").env(Map.of("MARKER", marker));
        List<String> logs = new CopyOnWriteArrayList<>();
        String name = "async-snap-" + marker;
        Snapshot snapshot = daytona.snapshot().create(name, image, logs::add).join();
        try {
            assertThat(logs.getLast()).isEqualTo("Created snapshot " + name + " (active)");
            assertThat(daytona.snapshot().get(name).join().id()).isEqualTo(snapshot.id());
            AsyncSandbox fromSnapshot = daytona.create(CreateSandbox.builder().snapshot(name).build()).join();
            try {
                assertThat(fromSnapshot.getProcess().executeCommand("cat /home/daytona/hello.txt; echo $MARKER").join().result())
                        .isEqualTo("hello " + marker + "\n" + marker + "\n");
            } finally {
                fromSnapshot.delete().join();
            }
        } finally {
            daytona.snapshot().delete(snapshot).join();
        }
        assertThatThrownBy(() -> daytona.snapshot().get(name).join()).cause().isInstanceOf(DaytonaNotFoundException.class);

        List<String> buildLogs = new CopyOnWriteArrayList<>();
        AsyncSandbox built = daytona.create(Image.base(BASE).runCommands("echo step-" + marker + " && echo " + marker + " > /home/daytona/m.txt"),
                CreateSandbox.builder().build(), buildLogs::add, Duration.ofMinutes(5)).join();
        try {
            assertThat(built.getProcess().executeCommand("cat /home/daytona/m.txt").join().result()).isEqualTo(marker + "\n");
            assertThat(buildLogs).anyMatch(line -> line.contains("step-" + marker));
        } finally {
            built.delete().join();
        }

        Volume volume = daytona.volume().get("async-vol-" + marker, true).join();
        AsyncSandbox writer = daytona.create(CreateSandbox.builder()
                .volumes(List.of(new SandboxVolume(volume.id(), "/home/daytona/vol", null))).build()).join();
        try {
            writer.getProcess().executeCommand("echo shared > /home/daytona/vol/f.txt").join();
            assertThat(writer.getVolumes()).extracting(SandboxVolume::volumeId).containsExactly(volume.id());
            assertThatThrownBy(() -> daytona.volume().delete(volume).join()).cause().isInstanceOf(DaytonaConflictException.class);
        } finally {
            writer.delete().join();
        }
        for (int i = 0; ; i++) {
            try {
                daytona.volume().delete(volume).join();
                break;
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(DaytonaConflictException.class);
                assertThat(i).as("the volume stays in use long after its sandbox was deleted").isLessThan(100);
                Thread.sleep(100);
            }
        }
    }

    private static DaytonaConfig config(Platform platform) {
        return DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build();
    }

    private static void write(ByteArrayOutputStream output, byte[] bytes) {
        synchronized (output) {
            output.writeBytes(bytes);
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static void awaitOutput(Supplier<String> output, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (output.get().contains(expected)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the terminal never showed '" + expected + "'; it showed:\n" + output.get());
    }
}
