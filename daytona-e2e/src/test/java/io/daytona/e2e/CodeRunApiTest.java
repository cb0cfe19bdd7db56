package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /process/code-run} in a real sandbox: the capture wrapper runs in the image's own Python and matplotlib. */
@ExtendWith(PlatformExtension.class)
class CodeRunApiTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String MARKER = "dtn_artifact_k39fd2:";

    private static TestSandbox sandbox;
    private static Api api;
    private static Api toolbox;
    private static String sandboxId;

    @BeforeAll
    static void createSandbox(Platform platform) {
        sandbox = TestSandbox.create(platform, Map.of());
        api = sandbox.api();
        toolbox = sandbox.toolbox();
        sandboxId = sandbox.id();
    }

    @AfterAll
    static void deleteSandbox() {
        sandbox.close();
    }

    @Test
    void runsPlainPythonWithArgvAndEnvs() {
        JsonNode run = run(Map.of("code", "import os, sys\nprint(sys.argv, os.environ['GREETING'])\nprint('warn', file=sys.stderr)\nsys.exit(4)",
                "language", "python", "argv", List.of("one", "two words"), "envs", Map.of("GREETING", "hello")));

        assertThat(run.get("exitCode").asInt()).isEqualTo(4);
        assertThat(run.get("result").asText()).isEqualTo("['-', 'one', 'two words'] hello\nwarn\n");
        assertThat(run.has("artifacts")).as("no charts, no artifacts").isFalse();
    }

    @Test
    void reportsErrorsAtTheUsersLinesWithAndWithoutTheWrapper() {
        String failing = "x = 1\ndef divide():\n    return x / 0\ndivide()\n";
        JsonNode plain = python(failing);
        assertThat(plain.get("exitCode").asInt()).isEqualTo(1);
        assertThat(plain.get("result").asText()).contains("line 4", "line 3", "ZeroDivisionError");

        JsonNode wrapped = python("import matplotlib.pyplot as plt\n" + failing);
        assertThat(wrapped.get("exitCode").asInt()).isEqualTo(1);
        assertThat(wrapped.get("result").asText())
                .startsWith("Traceback (most recent call last):\n  File \"<target_code>\", line 5, in <module>")
                .contains("File \"<target_code>\", line 4, in divide", "return x / 0", "ZeroDivisionError: division by zero")
                .doesNotContain("chart_capture", "run_as_main", "exec(");

        JsonNode syntax = python("import matplotlib\nprint('unclosed'\n");
        assertThat(syntax.get("exitCode").asInt()).isEqualTo(1);
        assertThat(syntax.get("result").asText()).contains("File \"<target_code>\", line 2", "SyntaxError").doesNotContain("chart_capture");

        JsonNode exits = python("import matplotlib\nimport sys\nprint('bye')\nsys.exit(7)");
        assertThat(exits.get("exitCode").asInt()).isEqualTo(7);
        assertThat(exits.get("result").asText()).isEqualTo("bye\n");
    }

    @Test
    void runsTypeScriptWithTsNodeHonouringArgvEnvsAndExitCode() {
        JsonNode run = run(Map.of("code", """
                interface Greeting { who: string }
                const greeting: Greeting = { who: process.env.NAME ?? 'nobody' };
                console.log(JSON.stringify(process.argv.slice(2)), greeting.who);
                console.error('warn');
                process.exit(3);
                """, "language", "typescript", "argv", List.of("a", "b c"), "envs", Map.of("NAME", "daytona")));

        assertThat(run.get("exitCode").asInt()).as(run.toString()).isEqualTo(3);
        assertThat(run.get("result").asText()).isEqualTo("[\"a\",\"b c\"] daytona\nwarn\n");
    }

    @Test
    void typeScriptErrorsFailWithTheUsersLine() {
        JsonNode run = run(Map.of("code", "const n: number = 1;\nfunction boom(): never {\n  throw new Error('boom ' + n);\n}\nboom();\n",
                "language", "typescript"));

        assertThat(run.get("exitCode").asInt()).isEqualTo(1);
        assertThat(run.get("result").asText()).contains("Error: boom 1", "code.ts:3");
    }

    @Test
    void runsJavaScriptWithNodeHonouringArgvEnvsAndExitCode() {
        JsonNode run = run(Map.of("code", "console.log(JSON.stringify(process.argv.slice(1)), process.env.NAME);\nprocess.exitCode = 2;",
                "language", "javascript", "argv", List.of("a", "b c"), "envs", Map.of("NAME", "daytona")));

        assertThat(run.get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.get("result").asText()).isEqualTo("[\"a\",\"b c\"] daytona\n");
        JsonNode failing = run(Map.of("code", "let x = 1;\nnull.boom;\n", "language", "javascript"));
        assertThat(failing.get("exitCode").asInt()).isEqualTo(1);
        assertThat(failing.get("result").asText()).contains("TypeError", "[stdin]:2");
    }

    @Test
    void answers408WhenTheCodeRunsLongerThanItsTimeout() {
        Api.Reply slow = toolbox.post("/process/code-run", Map.of("code", "import time\ntime.sleep(30)", "language", "python", "timeout", 1));
        assertThat(slow.status()).isEqualTo(408);
        assertThat(slow.json().get("code").asText()).isEqualTo("REQUEST_TIMEOUT");
    }

    @Test
    void rejectsUnknownLanguagesAndLanguagesTheImageCannotRun() {
        Api.Reply ruby = toolbox.post("/process/code-run", Map.of("code", "puts 1", "language", "ruby"));
        assertThat(ruby.status()).isEqualTo(400);
        assertThat(ruby.json().get("message").asText()).contains("ruby", "python");

        boolean hasNode = toolbox.post("/process/execute", Map.of("command", "command -v node")).json().get("exitCode").asInt() == 0;
        Api.Reply javascript = toolbox.post("/process/code-run", Map.of("code", "console.log(process.argv.slice(1))",
                "language", "javascript", "argv", List.of("a")));
        if (hasNode) {
            assertThat(javascript.json().get("result").asText()).contains("'a'");
        } else {
            assertThat(javascript.status()).isEqualTo(400);
            assertThat(javascript.json().get("message").asText()).contains("lacks node");
        }
    }

    @Test
    void capturesALineChartWithItsSeriesLabelsAndTicks() {
        JsonNode run = python("""
                import matplotlib.pyplot as plt
                print('before')
                plt.plot([0, 1, 2, 3], [0, 2, 4, 6], label='double')
                plt.plot([0, 1, 2, 3], [0, 1, 4, 9], label='square')
                plt.title('Growth')
                plt.xlabel('step')
                plt.ylabel('size')
                plt.xticks([0, 1, 2, 3], ['a', 'b', 'c', 'd'])
                plt.yscale('linear')
                plt.legend()
                plt.show()
                print('after')
                """);

        assertThat(run.get("exitCode").asInt()).isZero();
        assertThat(run.get("result").asText()).isEqualTo("before\nafter\n");
        JsonNode chart = onlyChart(run);
        assertThat(chart.get("type").asText()).isEqualTo("line");
        assertThat(chart.get("title").asText()).isEqualTo("Growth");
        assertThat(chart.get("x_label").asText()).isEqualTo("step");
        assertThat(chart.get("y_label").asText()).isEqualTo("size");
        assertThat(doubles(chart.get("x_ticks"))).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(texts(chart.get("x_tick_labels"))).containsExactly("a", "b", "c", "d");
        assertThat(chart.get("y_ticks").size()).isEqualTo(chart.get("y_tick_labels").size()).isPositive();
        assertThat(chart.get("x_scale").asText()).isEqualTo("linear");
        assertThat(chart.get("y_scale").asText()).isEqualTo("linear");
        JsonNode elements = chart.get("elements");
        assertThat(elements.findValuesAsText("label")).containsExactly("double", "square");
        assertThat(elements.get(1).get("points").toString()).isEqualTo("[[0.0,0.0],[1.0,1.0],[2.0,4.0],[3.0,9.0]]");
        assertPng(chart);
    }

    @Test
    void capturesAScatterChart() {
        JsonNode chart = onlyChart(python("""
                import matplotlib.pyplot as plt
                plt.scatter([1, 2, 3], [4, 1, 9], label='samples')
                plt.title('Spread')
                plt.show()
                """));

        assertThat(chart.get("type").asText()).isEqualTo("scatter");
        assertThat(chart.get("title").asText()).isEqualTo("Spread");
        assertThat(chart.get("elements").get(0).get("label").asText()).isEqualTo("samples");
        assertThat(chart.get("elements").get(0).get("points").toString()).isEqualTo("[[1.0,4.0],[2.0,1.0],[3.0,9.0]]");
        assertPng(chart);
    }

    @Test
    void capturesABarChartWithCategoriesGroupsAndValues() {
        JsonNode chart = onlyChart(python("""
                from matplotlib import pyplot as plt
                fig, ax = plt.subplots()
                ax.bar([-0.2, 0.8, 1.8], [3, 5.5, 2], 0.4, label='2024')
                ax.bar([0.2, 1.2, 2.2], [4, 1, 0.25], 0.4, label='2025')
                ax.set_xticks([0, 1, 2], ['apples', 'pears', 'plums'])
                ax.set_title('Fruit sold')
                ax.set_xlabel('fruit')
                ax.set_ylabel('tons')
                plt.show()
                """));

        assertThat(chart.get("type").asText()).isEqualTo("bar");
        assertThat(chart.get("title").asText()).isEqualTo("Fruit sold");
        assertThat(chart.get("x_label").asText()).isEqualTo("fruit");
        assertThat(chart.get("y_label").asText()).isEqualTo("tons");
        assertThat(texts(chart.get("x_tick_labels"))).containsExactly("apples", "pears", "plums");
        JsonNode bars = chart.get("elements");
        assertThat(bars.findValuesAsText("label")).containsExactly("apples", "pears", "plums", "apples", "pears", "plums");
        assertThat(bars.findValuesAsText("group")).containsExactly("2024", "2024", "2024", "2025", "2025", "2025");
        assertThat(bars.findValuesAsText("value")).containsExactly("3", "5.5", "2", "4", "1", "0.25");
        assertPng(chart);
    }

    @Test
    void capturesPieChartsInTheOrderTheyAreShown() {
        JsonNode run = python("""
                import matplotlib.pyplot as plt
                plt.pie([25, 75], labels=['tea', 'coffee'])
                plt.title('Drinks')
                plt.show()
                plt.pie([1, 1, 2], labels=['a', 'b', 'c'], radius=0.5)
                plt.title('Second')
                plt.show()
                """);

        JsonNode charts = run.get("artifacts").get("charts");
        assertThat(charts.findValuesAsText("title")).containsExactly("Drinks", "Second");
        JsonNode pie = charts.get(0);
        assertThat(pie.get("type").asText()).isEqualTo("pie");
        assertThat(pie.get("elements").findValuesAsText("label")).containsExactly("tea", "coffee");
        assertThat(pie.get("elements").get(0).get("angle").asDouble()).isCloseTo(90.0, within(0.01));
        assertThat(pie.get("elements").get(1).get("angle").asDouble()).isCloseTo(270.0, within(0.01));
        assertThat(pie.get("elements").get(0).get("radius").asDouble()).isEqualTo(1.0);
        assertThat(charts.get(1).get("elements").get(2).get("angle").asDouble()).isCloseTo(180.0, within(0.01));
        assertThat(charts.get(1).get("elements").get(2).get("radius").asDouble()).isEqualTo(0.5);
        assertPng(pie);
        assertPng(charts.get(1));
        assertThat(run.get("result").asText()).isEmpty();
    }

    @Test
    void capturesABoxPlotWithQuartilesWhiskersAndOutliers() {
        JsonNode chart = onlyChart(python("""
                import matplotlib.pyplot as plt
                plt.boxplot([[1, 2, 3, 4, 5, 40], [10, 20, 30]], labels=['low', 'high'])
                plt.title('Spread')
                plt.ylabel('value')
                plt.show()
                """));

        assertThat(chart.get("type").asText()).isEqualTo("box_and_whisker");
        assertThat(chart.get("title").asText()).isEqualTo("Spread");
        assertThat(chart.get("y_label").asText()).isEqualTo("value");
        JsonNode low = chart.get("elements").get(0);
        assertThat(low.get("label").asText()).isEqualTo("low");
        assertThat(low.get("min").asDouble()).isEqualTo(1.0);
        assertThat(low.get("first_quartile").asDouble()).isEqualTo(2.25);
        assertThat(low.get("median").asDouble()).isEqualTo(3.5);
        assertThat(low.get("third_quartile").asDouble()).isEqualTo(4.75);
        assertThat(low.get("max").asDouble()).isEqualTo(5.0);
        assertThat(doubles(low.get("outliers"))).containsExactly(40.0);
        JsonNode high = chart.get("elements").get(1);
        assertThat(high.get("label").asText()).isEqualTo("high");
        assertThat(high.get("median").asDouble()).isEqualTo(20.0);
        assertThat(high.get("outliers")).isEmpty();
        assertPng(chart);
    }

    @Test
    void capturesSubplotsAsACompositeChart() {
        JsonNode chart = onlyChart(python("""
                import matplotlib.pyplot as plt
                fig, (left, right) = plt.subplots(1, 2)
                fig.suptitle('Overview')
                left.plot([1, 2], [3, 4], label='trend')
                left.set_title('Left')
                right.bar(['x', 'y'], [1, 2])
                right.set_title('Right')
                plt.show()
                """));

        assertThat(chart.get("type").asText()).isEqualTo("composite_chart");
        assertThat(chart.get("title").asText()).isEqualTo("Overview");
        JsonNode subplots = chart.get("elements");
        assertThat(subplots.findValuesAsText("type")).containsExactly("line", "bar");
        assertThat(subplots.get(0).get("title").asText()).isEqualTo("Left");
        assertThat(subplots.get(0).get("elements").get(0).get("label").asText()).isEqualTo("trend");
        assertThat(subplots.get(0).get("elements").get(0).get("points").toString()).isEqualTo("[[1.0,3.0],[2.0,4.0]]");
        assertThat(subplots.get(1).get("title").asText()).isEqualTo("Right");
        assertThat(subplots.get(1).get("elements").findValuesAsText("value")).containsExactly("1", "2");
        assertPng(chart);
    }

    private static JsonNode python(String code) {
        return run(Map.of("code", code, "language", "python"));
    }

    private static JsonNode run(Map<String, Object> body) {
        Api.Reply reply = toolbox.post("/process/code-run", new HashMap<>(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain(MARKER);
        return reply.json();
    }

    private static JsonNode onlyChart(JsonNode run) {
        assertThat(run.get("exitCode").asInt()).as(run.get("result").asText()).isZero();
        JsonNode charts = run.path("artifacts").path("charts");
        assertThat(charts.size()).as(run.toString()).isEqualTo(1);
        return charts.get(0);
    }

    private static void assertPng(JsonNode chart) {
        byte[] png = Base64.getDecoder().decode(chart.get("png").asText());
        assertThat(png).startsWith(PNG_MAGIC);
        assertThat(png.length).isGreaterThan(1000);
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asDouble()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }
}
