package io.daytona.daemon.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Python worker on the build host. */
class ContextTest {
    private static final ObjectMapper JSON = Json.newMapper();

    @TempDir
    Path workDir;
    private Context context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void keepsStateAndShowsTheLastExpression() throws Exception {
        context = new Context("c", workDir, Instant.now(), JSON);
        assertThat(run("x = 20\nprint('set')").stdout()).isEqualTo("set\n");
        Result result = run("x + 22");
        assertThat(result.outcome()).isEqualTo(Context.Outcome.COMPLETED);
        assertThat(result.stdout()).isEqualTo("42\n");
        assertThat(result.types()).last().isEqualTo("control");
    }

    @Test
    void reportsErrorsWithTheUsersFramesAndStderr() throws Exception {
        context = new Context("c", workDir, Instant.now(), JSON);
        Result result = run("import sys\nprint('warn', file=sys.stderr)\ndef f():\n    return 1 / 0\nf()");
        assertThat(result.stderr()).isEqualTo("warn\n");
        JsonNode error = result.messages().stream().filter(m -> m.get("type").asText().equals("error")).findFirst().orElseThrow();
        assertThat(error.get("name").asText()).isEqualTo("ZeroDivisionError");
        assertThat(error.get("traceback").asText()).contains("line 4, in f").doesNotContain("worker");
        assertThat(run("print('still fine')").stdout()).isEqualTo("still fine\n");
    }

    @Test
    void interruptsCodeThatRunsTooLongAndKeepsTheContext() throws Exception {
        context = new Context("c", workDir, Instant.now(), JSON);
        run("kept = 'yes'");
        Result slow = run("import time\ntime.sleep(30)", Duration.ofSeconds(1), Map.of());
        assertThat(slow.outcome()).isEqualTo(Context.Outcome.TIMED_OUT);
        assertThat(run("kept").stdout()).isEqualTo("'yes'\n");
    }

    @Test
    void appliesEnvironmentVariablesToOneExecutionOnly() throws Exception {
        context = new Context("c", workDir, Instant.now(), JSON);
        assertThat(run("import os\nprint(os.environ.get('GREETING'))", Duration.ofSeconds(10), Map.of("GREETING", "hi")).stdout())
                .isEqualTo("hi\n");
        assertThat(run("print(os.environ.get('GREETING'))").stdout()).isEqualTo("None\n");
    }

    private record Result(Context.Outcome outcome, List<JsonNode> messages) {
        String stdout() {
            return text("stdout");
        }

        String stderr() {
            return text("stderr");
        }

        List<String> types() {
            return messages.stream().map(m -> m.get("type").asText()).toList();
        }

        private String text(String type) {
            StringBuilder out = new StringBuilder();
            messages.stream().filter(m -> m.get("type").asText().equals(type)).forEach(m -> out.append(m.get("text").asText()));
            return out.toString();
        }
    }

    private Result run(String code) throws Exception {
        return run(code, Duration.ofSeconds(20), Map.of());
    }

    private Result run(String code, Duration timeout, Map<String, String> envs) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        Context.Outcome outcome = context.execute(code, envs, timeout, line -> {
            try {
                messages.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return new Result(outcome, messages);
    }
}
