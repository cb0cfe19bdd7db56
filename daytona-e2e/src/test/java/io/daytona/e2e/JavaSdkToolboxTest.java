package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.Match;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import io.daytona.model.toolbox.session.Command;
import io.daytona.model.toolbox.session.SessionCommandLogsResponse;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.sdk.CodeInterpreter;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.ExecutionError;
import io.daytona.sdk.ExecutionResult;
import io.daytona.sdk.FileDownloadRequest;
import io.daytona.sdk.FileDownloadResponse;
import io.daytona.sdk.FileSystem;
import io.daytona.sdk.FileUpload;
import io.daytona.sdk.PtyCreateOptions;
import io.daytona.sdk.PtyHandle;
import io.daytona.sdk.PtyResult;
import io.daytona.sdk.RunCodeOptions;
import io.daytona.sdk.Sandbox;
import io.daytona.sdk.SandboxProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

/** The Java SDK's toolbox surface (files, sessions, PTY, code interpreter) against a real sandbox. */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JavaSdkToolboxTest {
    private Daytona daytona;
    private Sandbox sandbox;

    @TempDir
    Path local;

    @BeforeAll
    void createSandbox(Platform platform) {
        daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
        sandbox = daytona.create(p -> p.labels(Map.of("suite", "java-sdk-toolbox")));
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                sandbox.delete();
            }
        } finally {
            daytona.close();
        }
    }

    @Test
    void filesCanBeUploadedListedSearchedEditedMovedAndDeleted() throws Exception {
        FileSystem fs = sandbox.getFs();
        fs.createFolder("proj/src", "750");
        FileInfo folder = fs.getFileDetails("proj/src");
        assertThat(folder.isDir()).isTrue();
        assertThat(folder.permissions()).isEqualTo("0750");

        Path localFile = Files.writeString(local.resolve("notes.md"), "TODO later\n");
        fs.uploadFile("import os\n# TODO: ship\n".getBytes(StandardCharsets.UTF_8), "proj/src/main.py");
        fs.uploadFiles(List.of(
                FileUpload.of(localFile, "proj/notes/readme.md"),
                FileUpload.of(new ByteArrayInputStream("grüße".getBytes(StandardCharsets.UTF_8)), "proj/ünï 名前.txt")));
        fs.uploadFileStream(new ByteArrayInputStream("streamed\n".getBytes(StandardCharsets.UTF_8)), "proj/streamed.txt");

        assertThat(fs.listFiles("proj")).extracting(FileInfo::name)
                .containsExactlyInAnyOrder("src", "notes", "ünï 名前.txt", "streamed.txt");
        FileInfo main = fs.getFileDetails("proj/src/main.py");
        assertThat(main.size()).isEqualTo(23);
        assertThat(main.isDir()).isFalse();
        assertThat(new String(fs.downloadFile("proj/ünï 名前.txt"), StandardCharsets.UTF_8)).isEqualTo("grüße");
        assertThat(new String(fs.downloadFile("proj/streamed.txt"), StandardCharsets.UTF_8)).isEqualTo("streamed\n");
        try (InputStream in = fs.downloadFileStream("proj/notes/readme.md")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("TODO later\n");
        }

        assertThat(fs.findFiles("proj", "TODO")).extracting(Match::file, Match::line, Match::content)
                .containsExactlyInAnyOrder(
                        tuple("proj/notes/readme.md", 1, "TODO later"),
                        tuple("proj/src/main.py", 2, "# TODO: ship"));
        assertThat(fs.searchFiles("proj", "*.py").files()).containsExactly("proj/src/main.py");
        List<ReplaceResult> replaced = fs.replaceInFiles(List.of("proj/src/main.py", "proj/none.py"), "TODO", "DONE");
        assertThat(replaced).extracting(ReplaceResult::file, ReplaceResult::success).containsExactly(
                tuple("proj/src/main.py", true),
                tuple("proj/none.py", false));
        assertThat(new String(fs.downloadFile("proj/src/main.py"), StandardCharsets.UTF_8)).isEqualTo("import os\n# DONE: ship\n");

        fs.moveFiles("proj/notes/readme.md", "proj/README.md");
        assertThatThrownBy(() -> fs.getFileDetails("proj/notes/readme.md")).isInstanceOf(DaytonaNotFoundException.class);
        assertThatThrownBy(() -> fs.moveFiles("proj/src/main.py", "proj/README.md")).isInstanceOf(DaytonaConflictException.class);

        fs.setFilePermissions("proj/README.md", "daytona", "daytona", "600");
        FileInfo readme = fs.getFileDetails("proj/README.md");
        assertThat(readme.permissions()).isEqualTo("0600");
        assertThat(execute("stat -c '%a %U %G' proj/README.md")).isEqualTo("600 daytona daytona\n");
        fs.setFilePermissions("proj/README.md", null, null, "640");
        assertThat(fs.getFileDetails("proj/README.md").permissions()).isEqualTo("0640");

        assertThatThrownBy(() -> fs.deleteFile("proj")).isInstanceOf(DaytonaValidationException.class)
                .hasMessageStartingWith("Failed to delete file: ");
        fs.deleteFile("proj/streamed.txt");
        assertThat(fs.listFiles("proj")).extracting(FileInfo::name).doesNotContain("streamed.txt");
        fs.deleteFile("proj", true);
        assertThatThrownBy(() -> fs.listFiles("proj")).isInstanceOf(DaytonaNotFoundException.class);
        assertThatThrownBy(() -> fs.downloadFile("proj/src/main.py"))
                .isInstanceOfSatisfying(DaytonaNotFoundException.class,
                        e -> assertThat(e.errorCode()).contains("FILE_NOT_FOUND"))
                .hasMessageStartingWith("Failed to download file: ");
    }

    @Test
    void bulkDownloadReportsAMissingFileWithoutFailingTheOthers() throws Exception {
        FileSystem fs = sandbox.getFs();
        fs.uploadFiles(List.of(
                FileUpload.of("one".getBytes(StandardCharsets.UTF_8), "bulk/one.txt"),
                FileUpload.of("two".getBytes(StandardCharsets.UTF_8), "bulk/two.txt")));
        Path target = local.resolve("nested/dir/two.txt");

        List<FileDownloadResponse> responses = fs.downloadFiles(List.of(
                FileDownloadRequest.of("bulk/one.txt"),
                FileDownloadRequest.of("bulk/missing.txt"),
                FileDownloadRequest.of("bulk/two.txt", target),
                FileDownloadRequest.of("bulk")));

        assertThat(responses).extracting(FileDownloadResponse::source)
                .containsExactly("bulk/one.txt", "bulk/missing.txt", "bulk/two.txt", "bulk");
        assertThat(responses.get(0).isSuccessful()).isTrue();
        assertThat(new String(responses.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(responses.get(1).isSuccessful()).isFalse();
        assertThat(responses.get(1).error()).isInstanceOf(DaytonaNotFoundException.class);
        assertThat(responses.get(1).error().errorCode()).contains("FILE_NOT_FOUND");
        assertThat(responses.get(1).error().statusCode()).isEqualTo(404);
        assertThat(responses.get(2).file()).isEqualTo(target);
        assertThat(Files.readString(target)).isEqualTo("two");
        assertThat(responses.get(3).error()).isInstanceOf(DaytonaValidationException.class);
        assertThat(responses.get(3).error().errorCode()).contains("INVALID_FILE_PATH");
        assertThat(Files.list(target.getParent())).as("no temporary file is left behind").containsExactly(target);
    }

    @Test
    void aFiftyMegabyteFileStreamsFromAndToALocalPath() throws Exception {
        Path source = local.resolve("big.bin");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(42);
        MessageDigest digest = sha256();
        try (OutputStream out = Files.newOutputStream(source)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
            out.write(block, 0, 12345); // not a round size
            digest.update(block, 0, 12345);
        }
        String expected = HexFormat.of().formatHex(digest.digest());
        FileSystem fs = sandbox.getFs();

        fs.uploadFile(source, "big/big.bin");
        assertThat(execute("sha256sum big/big.bin | cut -d' ' -f1").strip()).isEqualTo(expected);
        assertThat(fs.getFileDetails("big/big.bin").size()).isEqualTo(Files.size(source));

        Path downloaded = local.resolve("back/big.bin");
        fs.downloadFile("big/big.bin", downloaded);
        assertThat(Files.size(downloaded)).isEqualTo(Files.size(source));
        assertThat(sha256(Files.newInputStream(downloaded))).isEqualTo(expected);
        assertThat(sha256(fs.downloadFileStream("big/big.bin"))).isEqualTo(expected);
        fs.deleteFile("big", true);
    }

    @Test
    void aSessionKeepsStateAndItsLogsArriveSplitIntoStdoutAndStderr() {
        SandboxProcess process = sandbox.getProcess();
        process.createSession("java-sdk");
        assertThatThrownBy(() -> process.createSession("java-sdk")).isInstanceOf(DaytonaConflictException.class);

        process.executeSessionCommand("java-sdk", "cd /tmp && export GREETING=hello");
        SessionExecuteResponse state = process.executeSessionCommand("java-sdk", "pwd; echo $GREETING; echo warn >&2");
        assertThat(state.exitCode()).isZero();
        assertThat(state.stdout()).isEqualTo("/tmp\nhello\n");
        assertThat(state.stderr()).isEqualTo("warn\n");
        // A subshell: a bare `exit` would end the session's shell itself.
        assertThat(process.executeSessionCommand("java-sdk", "(exit 4)").exitCode()).isEqualTo(4);

        SessionExecuteResponse started = process.executeSessionCommand("java-sdk", new SessionExecuteRequest(
                "for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.3; done; echo 'é✓😀'", true, null, null));
        assertThat(started.cmdId()).isNotBlank();
        assertThat(started.exitCode()).isNull();
        List<String> stdout = new CopyOnWriteArrayList<>();
        List<String> stderr = new CopyOnWriteArrayList<>();
        process.getSessionCommandLogs("java-sdk", started.cmdId(), stdout::add, stderr::add);
        assertThat(String.join("", stdout)).isEqualTo("out1\nout2\nout3\né✓😀\n");
        assertThat(String.join("", stderr)).isEqualTo("err1\nerr2\nerr3\n");
        Command command = process.getSessionCommand("java-sdk", started.cmdId());
        assertThat(command.exitCode()).isZero();
        SessionCommandLogsResponse logs = process.getSessionCommandLogs("java-sdk", started.cmdId());
        assertThat(logs.stdout()).isEqualTo("out1\nout2\nout3\né✓😀\n");
        assertThat(logs.stderr()).isEqualTo("err1\nerr2\nerr3\n");

        SessionExecuteResponse reader = process.executeSessionCommand("java-sdk",
                new SessionExecuteRequest("read name; echo hi $name", true, null, null));
        process.sendSessionCommandInput("java-sdk", reader.cmdId(), "ada\n");
        StringBuilder greeting = new StringBuilder();
        process.getSessionCommandLogs("java-sdk", reader.cmdId(), greeting::append, text -> { });
        assertThat(greeting.toString()).isEqualTo("hi ada\n");

        assertThat(process.listSessions()).extracting(io.daytona.model.toolbox.session.Session::sessionId).contains("java-sdk");
        assertThat(process.getSession("java-sdk").commands()).hasSize(5);
        process.deleteSession("java-sdk");
        assertThatThrownBy(() -> process.getSession("java-sdk")).isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    void aTerminalResizesRunsWhatIsTypedAndReportsItsExitCode() throws Exception {
        SandboxProcess process = sandbox.getProcess();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PtyCreateOptions options = PtyCreateOptions.builder("java-term").cols(100).rows(30)
                .onData(bytes -> {
                    synchronized (output) {
                        output.writeBytes(bytes);
                    }
                })
                .build();
        try (PtyHandle pty = process.createPty(options)) {
            assertThat(pty.isConnected()).isTrue();
            PtySessionInfo resized = pty.resize(120, 40);
            assertThat(resized.cols()).isEqualTo(120);
            assertThat(resized.rows()).isEqualTo(40);
            pty.sendInput("stty size; echo $TERM\n");
            awaitOutput(() -> text(output), "40 120");
            awaitOutput(() -> text(output), "xterm-256color");
            assertThat(process.listPtySessions()).extracting(PtySessionInfo::id).contains("java-term");
            assertThat(process.getPtySessionInfo("java-term").active()).isTrue();

            pty.sendInput("exit 3\n".getBytes(StandardCharsets.UTF_8));
            PtyResult result = pty.waitForExit(Duration.ofSeconds(20));
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.error()).isEqualTo("non-zero exit");
            assertThat(pty.getExitCode()).isEqualTo(3);
            assertThat(pty.isConnected()).isFalse();
            assertThatThrownBy(() -> pty.sendInput("echo too late\n")).isInstanceOf(DaytonaException.class);
        }
        assertThat(process.getPtySessionInfo("java-term").active()).isFalse();
        process.killPtySession("java-term");
        assertThatThrownBy(() -> process.getPtySessionInfo("java-term")).isInstanceOf(DaytonaNotFoundException.class);
        assertThatThrownBy(() -> process.createPty(PtyCreateOptions.builder("bad").cols(5000).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKilledTerminalReportsTheSignalAndAnotherClientCanConnect() {
        SandboxProcess process = sandbox.getProcess();
        ByteArrayOutputStream seenBySecond = new ByteArrayOutputStream();
        try (PtyHandle first = process.createPty(PtyCreateOptions.builder("java-doomed").build());
                PtyHandle second = process.connectPty("java-doomed", bytes -> {
                    synchronized (seenBySecond) {
                        seenBySecond.writeBytes(bytes);
                    }
                })) {
            first.sendInput("echo shared-$((6*7))\n");
            awaitOutput(() -> text(seenBySecond), "shared-42");
            first.kill();
            PtyResult result = first.waitForExit(Duration.ofSeconds(20));
            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(result.error()).isEqualTo("SIGKILL");
            assertThat(second.waitForExit(Duration.ofSeconds(20)).exitCode()).isEqualTo(137);
        }
        // The proxy answers 502 for any upgrade the daemon refuses, so the 404 arrives as a server error.
        assertThatThrownBy(() -> process.connectPty("java-doomed", null))
                .isInstanceOf(DaytonaException.class)
                .hasMessageStartingWith("Failed to connect PTY session: ")
                .hasMessageContaining("404");
    }

    @Test
    void theInterpreterKeepsStateReportsErrorsIsolatesContextsAndTimesOut() {
        CodeInterpreter interpreter = sandbox.getCodeInterpreter();
        assertThat(interpreter.runCode("x = 21").stdout()).isEmpty();
        List<String> streamedOut = new ArrayList<>();
        List<String> streamedErr = new ArrayList<>();
        ExecutionResult doubled = interpreter.runCode("import sys\nprint(x * 2)\n_ = sys.stderr.write('careful\\n')",
                RunCodeOptions.builder()
                        .onStdout(message -> streamedOut.add(message.output()))
                        .onStderr(message -> streamedErr.add(message.output()))
                        .build());
        assertThat(doubled.stdout()).isEqualTo("42\n");
        assertThat(doubled.stderr()).isEqualTo("careful\n");
        assertThat(doubled.error()).isNull();
        assertThat(String.join("", streamedOut)).isEqualTo("42\n");
        assertThat(String.join("", streamedErr)).isEqualTo("careful\n");

        List<ExecutionError> reported = new ArrayList<>();
        ExecutionResult failed = interpreter.runCode("print('before')\n1 / 0", RunCodeOptions.builder().onError(reported::add).build());
        assertThat(failed.stdout()).isEqualTo("before\n");
        assertThat(failed.error()).isNotNull();
        assertThat(failed.error().name()).isEqualTo("ZeroDivisionError");
        assertThat(failed.error().value()).contains("division by zero");
        assertThat(failed.error().traceback()).contains("ZeroDivisionError");
        assertThat(reported).containsExactly(failed.error());

        ExecutionResult withEnv = interpreter.runCode("import os\nprint(os.environ['LEVEL'])",
                RunCodeOptions.builder().envs(Map.of("LEVEL", "7")).build());
        assertThat(withEnv.stdout()).isEqualTo("7\n");

        InterpreterContext context = interpreter.createContext("/tmp");
        try {
            RunCodeOptions inContext = RunCodeOptions.builder().context(context).build();
            interpreter.runCode("y = 'isolated'\nimport os\nprint(os.getcwd())", inContext);
            assertThat(interpreter.runCode("print(y)", inContext).stdout()).isEqualTo("isolated\n");
            assertThat(interpreter.runCode("print(y)").error().name()).isEqualTo("NameError");
            assertThat(interpreter.runCode("print(x)", inContext).error().name()).isEqualTo("NameError");
            assertThat(interpreter.listContexts()).extracting(InterpreterContext::id).contains(context.id());

            Instant start = Instant.now();
            assertThatThrownBy(() -> interpreter.runCode("import time\ntime.sleep(30)",
                    RunCodeOptions.builder().context(context).timeout(Duration.ofSeconds(1)).build()))
                    .isInstanceOf(DaytonaTimeoutException.class)
                    .hasMessageStartingWith("Failed to run code: ");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(interpreter.runCode("print(y)", inContext).stdout()).as("the context survives the timeout").isEqualTo("isolated\n");
        } finally {
            interpreter.deleteContext(context);
        }
        assertThat(interpreter.listContexts()).extracting(InterpreterContext::id).doesNotContain(context.id());
        assertThatThrownBy(() -> interpreter.runCode("1", RunCodeOptions.builder().context(context).build()))
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("context not found");
        assertThat(interpreter.runCode("print(x)").stdout()).as("the default context kept its state").isEqualTo("21\n");
    }

    private String execute(String command) {
        return sandbox.getProcess().executeCommand(command).result();
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

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static String sha256(InputStream stream) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(stream, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
