package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.error;
import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import io.daytona.model.toolbox.Chart;
import io.daytona.model.toolbox.ChartElement;
import io.daytona.model.toolbox.CodeRunArtifacts;
import io.daytona.model.toolbox.CodeRunResponse;
import io.daytona.model.toolbox.session.Command;
import io.daytona.model.toolbox.session.Session;
import io.daytona.sdk.chart.BarChart;
import io.daytona.sdk.chart.ChartType;
import io.daytona.sdk.chart.CompositeChart;
import io.daytona.sdk.chart.LineChart;
import io.daytona.sdk.chart.PieChart;
import io.daytona.sdk.chart.PointData;
import io.daytona.sdk.chart.UnknownChart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox calls that mirror the Python SDK's: what they send, what they make of the answer,
 * and the message prefixes of their failures.
 */
class SandboxSurfaceTest {
    private FakeServer server;
    private Daytona daytona;
    private Sandbox sandbox;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        sandbox = daytona.get("sb-1");
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void networkSettingsArePostedAndTheAnswerReplacesTheData() throws Exception {
        io.daytona.model.sandbox.Sandbox blocked = new io.daytona.model.sandbox.Sandbox("sb-1", "org-1", "n", null, "daytona", Map.of(),
                Map.of(), false, true, "10.0.0.0/8", null, "us", 1, 0, null, 1, 1, SandboxState.STARTED, null, null, null, null, null,
                null, null, null, List.of(), null, null, null, null, null, null, null, null, server.toolboxProxyUrl());
        server.on("POST", "/api/sandbox/sb-1/network-settings", request -> ok(blocked));

        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(true, "10.0.0.0/8", null));

        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/api/sandbox/sb-1/network-settings").getFirst().body());
        assertThat(body.path("networkBlockAll").asBoolean()).isTrue();
        assertThat(body.path("networkAllowList").asText()).isEqualTo("10.0.0.0/8");
        assertThat(body.has("domainAllowList")).as("unset fields are omitted").isFalse();
        assertThat(sandbox.isNetworkBlockAll()).isTrue();
        assertThat(sandbox.getNetworkAllowList()).isEqualTo("10.0.0.0/8");

        server.on("POST", "/api/sandbox/sb-1/network-settings", request -> error(400, "Bad Request", "invalid CIDR: x"));
        assertThatThrownBy(() -> sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "x", null)))
                .isInstanceOf(DaytonaValidationException.class).hasMessage("Failed to update network settings: invalid CIDR: x");
    }

    /** The messages start as the Python SDK's intercept_errors prefixes them. */
    @Test
    void failuresStartWithThePythonSdksPrefixes() {
        server.on("DELETE", "/api/sandbox/sb-1", request -> error(404, "Not Found", "gone"));
        server.on("GET", "/toolbox/sb-1/work-dir", request -> error(500, "Internal Server Error", "boom"));
        server.on("POST", "/api/sandbox/sb-1/last-activity", request -> error(409, "Conflict", "stopped"));
        server.on("GET", "/api/sandbox/sb-1/ports/3000/signed-preview-url", request -> error(400, "Bad Request", "bad port"));
        server.on("POST", "/api/sandbox/sb-1/ports/3000/signed-preview-url/t/expire", request -> error(404, "Not Found", "no token"));

        assertThatThrownBy(() -> daytona.delete(sandbox, Duration.ofSeconds(5))).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessage("Failed to remove sandbox: gone");
        assertThatThrownBy(sandbox::getWorkDir).hasMessage("Failed to get working directory path: boom");
        assertThatThrownBy(sandbox::refreshActivity).hasMessage("Failed to refresh sandbox activity: stopped");
        assertThatThrownBy(() -> sandbox.getSignedPreviewUrl(3000)).hasMessage("Failed to create signed preview url: bad port");
        assertThatThrownBy(() -> sandbox.expireSignedPreviewUrl(3000, "t")).hasMessage("Failed to expire signed preview url: no token");
        assertThatThrownBy(() -> sandbox.resize(new Resources(1, 1, 1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GPUs");
    }

    @Test
    void waitingThatTimesOutOrFailsSaysSoAsThePythonSdkDoes() {
        server.on("GET", "/api/sandbox/sb-2", request -> ok(sandbox("sb-2", SandboxState.STARTING, server.toolboxProxyUrl())));
        Sandbox starting = daytona.get("sb-2");
        assertThatThrownBy(() -> starting.waitUntilStarted(Duration.ofMillis(300))).isInstanceOf(DaytonaTimeoutException.class)
                .hasMessageStartingWith("Failure during waiting for sandbox to start: sandbox sb-2 did not become started within 300 ms");
        assertThatThrownBy(() -> starting.waitUntilStopped(Duration.ofMillis(300))).isInstanceOf(DaytonaTimeoutException.class)
                .hasMessageStartingWith("Failure during waiting for sandbox to stop: ");

        server.on("GET", "/api/sandbox/sb-2", request -> error(403, "Forbidden", "not yours"));
        assertThatThrownBy(() -> starting.waitUntilStarted(Duration.ofSeconds(5))).isInstanceOf(DaytonaForbiddenException.class)
                .hasMessage("Failure during waiting for sandbox to start: not yours");
    }

    @Test
    void theEntrypointSessionIsReadWhereTheToolboxHasOne() {
        server.on("GET", "/toolbox/sb-1/process/session/entrypoint",
                request -> ok(new Session("entrypoint", List.of(new Command("c1", "sleep infinity", null)))));
        server.on("GET", "/toolbox/sb-1/process/session/entrypoint/logs",
                request -> ok(Map.of("output", "ready\n", "stdout", "ready\n", "stderr", "")));

        assertThat(sandbox.getProcess().getEntrypointSession().commands()).extracting(Command::command).containsExactly("sleep infinity");
        assertThat(sandbox.getProcess().getEntrypointLogs().stdout()).isEqualTo("ready\n");
    }

    /** This platform's toolbox keeps the entrypoint's output in a file: the failure says where. */
    @Test
    void aToolboxWithoutAnEntrypointSessionFailsWithWhereToLookInstead() {
        server.on("GET", "/toolbox/sb-1/process/session/entrypoint", request -> error(404, "Not Found", "session entrypoint not found"));
        server.on("GET", "/toolbox/sb-1/process/session/entrypoint/logs",
                request -> error(404, "Not Found", "session entrypoint not found"));

        assertThatThrownBy(() -> sandbox.getProcess().getEntrypointSession()).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessageStartingWith("Failed to get entrypoint session: session entrypoint not found")
                .hasMessageContaining(".daytona/entrypoint.log")
                .satisfies(e -> assertThat(((DaytonaException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> sandbox.getProcess().getEntrypointLogs()).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessageStartingWith("Failed to get entrypoint logs: ").hasMessageContaining(".daytona/entrypoint.log");
        assertThatThrownBy(() -> sandbox.getProcess().getEntrypointLogs(out -> { }, err -> { }))
                .isInstanceOf(DaytonaNotFoundException.class).hasMessageContaining(".daytona/entrypoint.log");
        assertThat(server.requests("GET", "/toolbox/sb-1/process/session/entrypoint/logs"))
                .as("absence is found over plain HTTP, before any WebSocket is opened").hasSize(1);
    }

    /** The flat wire charts become the Python SDK's typed charts, subplots included. */
    @Test
    void codeRunTypesTheChartsItReturns() {
        Chart line = new Chart("line", "Sine", "iVBOR", "x", "y", List.of(0.0, 5.0), List.of(-1.0, 1.0), List.of("0", "5"),
                List.of("-1", "1"), "linear", "linear", List.of(point("sin", List.of(List.of(0.0, 0.0), List.of(1.0, 0.84)))));
        Chart bar = new Chart("bar", "Sales", null, "month", "units", null, null, null, null, null, null,
                List.of(bar("Jan", "2024", "3")));
        ChartElement pieSubplot = new ChartElement("a", null, null, null, 90.0, 1.0, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        ChartElement subplot = new ChartElement(null, null, null, null, null, null, null, null, null, null, null, null,
                "pie", "Share", null, null, null, null, null, null, null, null, null, List.of(pieSubplot));
        Chart composite = new Chart("composite_chart", "Figure", "iVBOR2", null, null, null, null, null, null, null, null, List.of(subplot));
        Chart odd = new Chart("heatmap", "?", null, null, null, null, null, null, null, null, null, null);
        server.on("POST", "/toolbox/sb-1/process/code-run",
                request -> ok(new CodeRunResponse(0, "done\n", new CodeRunArtifacts(List.of(line, bar, composite, odd)))));

        ExecuteResponse response = sandbox.getProcess().codeRun("plt.show()");

        assertThat(response.artifacts().stdout()).isEqualTo("done\n");
        List<io.daytona.sdk.chart.Chart> charts = response.artifacts().charts();
        assertThat(charts).extracting(io.daytona.sdk.chart.Chart::type)
                .containsExactly(ChartType.LINE, ChartType.BAR, ChartType.COMPOSITE_CHART, ChartType.UNKNOWN);
        LineChart sine = (LineChart) charts.get(0);
        assertThat(sine.title()).isEqualTo("Sine");
        assertThat(sine.xLabel()).isEqualTo("x");
        assertThat(sine.xTicks()).containsExactly(0.0, 5.0);
        assertThat(sine.yTickLabels()).containsExactly("-1", "1");
        assertThat(sine.xScale()).isEqualTo("linear");
        assertThat(sine.elements()).singleElement().satisfies(series -> {
            assertThat(series.label()).isEqualTo("sin");
            assertThat(series.points()).containsExactly(new PointData.Point(0.0, 0.0), new PointData.Point(1.0, 0.84));
        });
        assertThat(sine.metadata()).as("the Python SDK's to_dict()").isEqualTo(line);
        assertThat(((BarChart) charts.get(1)).elements()).singleElement()
                .satisfies(b -> assertThat(List.of(b.label(), b.group(), b.value())).containsExactly("Jan", "2024", "3"));
        CompositeChart figure = (CompositeChart) charts.get(2);
        assertThat(figure.png()).isEqualTo("iVBOR2");
        assertThat(figure.elements()).singleElement().isInstanceOfSatisfying(PieChart.class, pie -> {
            assertThat(pie.title()).isEqualTo("Share");
            assertThat(pie.elements()).singleElement().satisfies(slice -> assertThat(slice.angle()).isEqualTo(90.0));
        });
        assertThat(charts.get(3)).isInstanceOf(UnknownChart.class);
    }

    private static ChartElement point(String label, List<List<Double>> points) {
        return new ChartElement(label, points, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ChartElement bar(String label, String group, String value) {
        return new ChartElement(label, null, group, value, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
