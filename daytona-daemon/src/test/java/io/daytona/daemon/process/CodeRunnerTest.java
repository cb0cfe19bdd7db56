package io.daytona.daemon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import io.daytona.model.toolbox.CodeRunRequest;
import io.daytona.model.toolbox.CodeRunResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeRunnerTest {
    @TempDir
    Path workDir;
    @TempDir
    Path scratchRoot;

    private CodeRunner runner(Predicate<String> installed) {
        return new CodeRunner(new CommandRunner(workDir), scratchRoot, installed, Json.newMapper());
    }

    @Test
    void runsPlainPythonFromStdinAndMatplotlibPythonThroughTheCaptureWrapper() throws Exception {
        CodeRunner runner = runner(command -> true);

        assertThat(runner.prepare(scratchRoot, "print(1)", CodeLanguage.PYTHON, List.of("a b", "it's")))
                .isEqualTo("exec 'python3' '-u' '-' 'a b' 'it'\\''s' < '" + scratchRoot.resolve("code.py") + "'");
        assertThat(scratchRoot.resolve("code.py")).hasContent("print(1)");

        assertThat(runner.prepare(scratchRoot, "import matplotlib.pyplot as plt", CodeLanguage.PYTHON, List.of()))
                .isEqualTo("exec 'python3' '-u' '" + scratchRoot.resolve(CodeRunner.CHART_CAPTURE) + "' < '"
                        + scratchRoot.resolve("code.py") + "'");
        try (InputStream wrapper = CodeRunner.class.getResourceAsStream(CodeRunner.CHART_CAPTURE)) {
            assertThat(Files.readAllBytes(scratchRoot.resolve(CodeRunner.CHART_CAPTURE))).isEqualTo(wrapper.readAllBytes());
        }
    }

    @Test
    void runsJavaScriptWithNodeArgvAndTypeScriptWithTsNode() throws Exception {
        CodeRunner runner = runner(command -> true);

        assertThat(runner.prepare(scratchRoot, "console.log(process.argv)", CodeLanguage.JAVASCRIPT, List.of("x")))
                .isEqualTo("exec 'node' '-' 'x' < '" + scratchRoot.resolve("code.js") + "'");
        assertThat(scratchRoot.resolve("code.js")).hasContent("process.argv.splice(1, 1); console.log(process.argv)");

        assertThat(runner.prepare(scratchRoot, "const x: number = 1", CodeLanguage.TYPESCRIPT, List.of("y")))
                .isEqualTo("exec 'ts-node' '-T' '--ignore-diagnostics' '5107' '-O' '{\"module\":\"CommonJS\"}' '"
                        + scratchRoot.resolve("code.ts") + "' 'y'");
    }

    @Test
    void refusesLanguagesWhoseInterpreterTheImageLacks() {
        CodeRunner runner = runner(Set.of("python3", "node")::contains);

        assertThatThrownBy(() -> runner.run(new CodeRunRequest("let x: number = 1", "typescript", null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("image lacks ts-node");
        assertThatThrownBy(() -> runner(command -> false).run(new CodeRunRequest("1", "javascript", null, null, null)))
                .hasMessageContaining("image lacks node");
    }

    @Test
    void rejectsRequestsWithoutCodeOrWithAnUnknownLanguageOrNegativeTimeout() {
        CodeRunner runner = runner(command -> true);

        assertThatThrownBy(() -> runner.run(new CodeRunRequest(null, "python", null, null, null))).hasMessageContaining("code is required");
        assertThatThrownBy(() -> runner.run(new CodeRunRequest("1", null, null, null, null))).hasMessageContaining("language is required");
        assertThatThrownBy(() -> runner.run(new CodeRunRequest("1", "ruby", null, null, null))).hasMessageContaining("unsupported language 'ruby'");
        assertThatThrownBy(() -> runner.run(new CodeRunRequest("1", "python", null, null, -1))).hasMessageContaining("timeout must be");
        assertThatThrownBy(() -> runner.run(new CodeRunRequest("1", "python", List.of("a\0b"), null, null))).hasMessageContaining("NUL");
    }

    @Test
    void runsPythonWithArgvAndEnvsAndCleansUp() throws Exception {
        CodeRunner runner = pythonRunner();

        CodeRunResponse response = runner.run(new CodeRunRequest(
                "import os, sys\nprint(sys.argv, os.environ['GREETING'])\nsys.exit(3)", "Python", List.of("a b", "c"),
                Map.of("GREETING", "hi"), 30));

        assertThat(response.exitCode()).isEqualTo(3);
        assertThat(response.result()).isEqualTo("['-', 'a b', 'c'] hi\n");
        assertThat(response.artifacts()).isNull();
        try (var left = Files.list(scratchRoot)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void answers408WhenTheCodeOutlivesItsTimeout() {
        CodeRunner runner = pythonRunner();

        assertThatThrownBy(() -> runner.run(new CodeRunRequest("import time\ntime.sleep(30)", "python", null, null, 1)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT))
                .hasMessageContaining("1 seconds");
    }

    @Test
    void captureWrapperRunsCodeAsMainAndReportsErrorsInTheUsersLines() throws Exception {
        CodeRunner runner = pythonRunner();
        // Runs through the wrapper whether or not this machine has matplotlib.
        String failing = """
                try:
                    import matplotlib
                except ImportError:
                    pass
                import sys
                print(__name__, sys.argv)
                def fail():
                    raise ValueError('boom')
                fail()
                """;

        CodeRunResponse response = runner.run(new CodeRunRequest(failing, "python", List.of("x"), null, 60));

        assertThat(response.exitCode()).isEqualTo(1);
        assertThat(response.result())
                .startsWith("__main__ ['-', 'x']\n")
                .contains("File \"<target_code>\", line 9, in <module>", "File \"<target_code>\", line 8, in fail",
                        "raise ValueError('boom')", "ValueError: boom")
                .doesNotContain(CodeRunner.CHART_CAPTURE, "run_as_main");

        CodeRunResponse syntax = runner.run(new CodeRunRequest("import matplotlib\nprint(\n", "python", null, null, 60));
        assertThat(syntax.exitCode()).isEqualTo(1);
        assertThat(syntax.result()).contains("File \"<target_code>\", line", "SyntaxError").doesNotContain(CodeRunner.CHART_CAPTURE);
    }

    @Test
    void runsJavaScriptWithArgvAfterTheInterpreterAndErrorsAtTheUsersLines() throws Exception {
        Predicate<String> installed = CodeRunner.onPath(System.getenv("PATH"));
        assumeTrue(installed.test("node"), "node is not installed here");
        CodeRunner runner = runner(installed);

        CodeRunResponse response = runner.run(new CodeRunRequest(
                "console.log(JSON.stringify(process.argv.slice(1)), process.env.GREETING)", "javascript", List.of("a", "b c"),
                Map.of("GREETING", "hi"), 30));
        assertThat(response.exitCode()).isZero();
        assertThat(response.result()).isEqualTo("[\"a\",\"b c\"] hi\n");

        CodeRunResponse failing = runner.run(new CodeRunRequest("const x = 1;\nundefinedFunction();\n", "javascript", null, null, 30));
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.result()).contains("[stdin]:2", "undefinedFunction is not defined");
    }

    private CodeRunner pythonRunner() {
        Predicate<String> installed = CodeRunner.onPath(System.getenv("PATH"));
        assumeTrue(installed.test("python3"), "python3 is not installed here");
        return runner(installed);
    }
}
