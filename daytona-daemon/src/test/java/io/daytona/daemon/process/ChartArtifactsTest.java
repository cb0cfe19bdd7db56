package io.daytona.daemon.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import io.daytona.model.toolbox.Chart;
import io.daytona.model.toolbox.ChartElement;
import io.daytona.model.toolbox.CodeRunArtifacts;
import io.daytona.model.toolbox.CodeRunResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartArtifactsTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final String LINE_CHART = """
            dtn_artifact_k39fd2:{"type": "chart", "value": {"type": "line", "title": "Growth", "png": "iVBORw0KGgo=", \
            "x_label": "x", "y_label": "y", "x_ticks": [0.0, 1.0], "y_ticks": [0, 2], "x_tick_labels": ["0", "1"], \
            "y_tick_labels": ["0", "2"], "x_scale": "linear", "y_scale": "log", \
            "elements": [{"label": "double", "points": [[0.0, 0.0], [1.0, 2.0]]}]}}
            """;

    private final ChartArtifacts artifacts = new ChartArtifacts(MAPPER);

    @Test
    void removesArtifactLinesAndParsesTheirCharts() {
        var extracted = artifacts.extract("before\n" + LINE_CHART + "after\n");

        assertThat(extracted.output()).isEqualTo("before\nafter\n");
        Chart chart = extracted.charts().getFirst();
        assertThat(chart.type()).isEqualTo("line");
        assertThat(chart.title()).isEqualTo("Growth");
        assertThat(chart.png()).isEqualTo("iVBORw0KGgo=");
        assertThat(chart.xLabel()).isEqualTo("x");
        assertThat(chart.yTicks()).containsExactly(0.0, 2.0);
        assertThat(chart.xTickLabels()).containsExactly("0", "1");
        assertThat(chart.yScale()).isEqualTo("log");
        assertThat(chart.elements()).containsExactly(new ChartElement("double", List.of(List.of(0.0, 0.0), List.of(1.0, 2.0)),
                null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void keepsTextPrintedWithoutANewlineBeforeTheChart() {
        var extracted = artifacts.extract("no newline" + LINE_CHART + "next\n");

        assertThat(extracted.output()).isEqualTo("no newlinenext\n");
        assertThat(extracted.charts()).hasSize(1);
    }

    @Test
    void dropsArtifactLinesThatAreNotChartsOrNotJsonButNeverShowsThem() {
        String output = "a\ndtn_artifact_k39fd2:{\"type\": \"table\", \"value\": {}}\ndtn_artifact_k39fd2:{broken\nb";

        var extracted = artifacts.extract(output);

        assertThat(extracted.output()).isEqualTo("a\nb");
        assertThat(extracted.charts()).isEmpty();
    }

    @Test
    void leavesOutputWithoutArtifactsAlone() {
        String output = "x = 1\r\nno marker here\n\nlast line without newline";

        assertThat(artifacts.extract(output).output()).isSameAs(output);
        assertThat(artifacts.extract("").output()).isEmpty();
    }

    @Test
    void keepsTheOrderOfSeveralChartsAndTheirNestedSubplots() {
        String composite = "dtn_artifact_k39fd2:{\"type\":\"chart\",\"value\":{\"type\":\"composite_chart\",\"title\":\"Both\","
                + "\"elements\":[{\"type\":\"bar\",\"title\":\"Fruit\",\"x_label\":\"kind\",\"elements\":"
                + "[{\"label\":\"apples\",\"group\":\"2024\",\"value\":\"3\"}]},"
                + "{\"type\":\"pie\",\"title\":\"Share\",\"elements\":[{\"label\":\"x\",\"angle\":108.0,\"radius\":1.0}]}]}}\n";

        var extracted = artifacts.extract(LINE_CHART + composite);

        assertThat(extracted.charts()).extracting(Chart::type).containsExactly("line", "composite_chart");
        List<ChartElement> subplots = extracted.charts().get(1).elements();
        assertThat(subplots).extracting(ChartElement::type).containsExactly("bar", "pie");
        assertThat(subplots.getFirst().xLabel()).isEqualTo("kind");
        assertThat(subplots.getFirst().elements().getFirst().value()).isEqualTo("3");
        assertThat(subplots.get(1).elements().getFirst().angle()).isEqualTo(108.0);
    }

    @Test
    void writesSnakeCaseFieldsAndOmitsAbsentOnes() throws Exception {
        var box = new ChartElement("A", null, null, null, null, null, 1.0, 2.0, 3.0, 4.0, 5.0, List.of(100.0),
                null, null, null, null, null, null, null, null, null, null, null, null);
        var chart = new Chart("box_and_whisker", "Boxes", null, "group", null, null, null, null, null, null, null, List.of(box));

        JsonNode json = MAPPER.valueToTree(new CodeRunResponse(0, "", new CodeRunArtifacts(List.of(chart))));

        JsonNode written = json.path("artifacts").path("charts").get(0);
        assertThat(written.path("x_label").asText()).isEqualTo("group");
        assertThat(written.has("y_label")).isFalse();
        assertThat(written.has("png")).isFalse();
        assertThat(written.path("elements").get(0).path("first_quartile").asDouble()).isEqualTo(2.0);
        assertThat(written.path("elements").get(0).path("third_quartile").asDouble()).isEqualTo(4.0);
        assertThat(written.path("elements").get(0).has("points")).isFalse();
        assertThat(MAPPER.valueToTree(new CodeRunResponse(1, "out", null)).toString())
                .isEqualTo("{\"exitCode\":1,\"result\":\"out\"}");
    }
}
