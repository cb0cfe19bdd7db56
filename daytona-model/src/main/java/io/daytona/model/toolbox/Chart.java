package io.daytona.model.toolbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A matplotlib figure shown by a code run: its data and a PNG rendering. Absent fields are
 * omitted on the wire, as the official SDKs expect; which fields a chart has depends on its type.
 *
 * @param type {@code line}, {@code scatter}, {@code bar}, {@code pie}, {@code box_and_whisker},
 *     {@code composite_chart} (several axes) or {@code unknown}
 * @param title the axes' title, or for a composite chart the figure's title
 * @param png the figure as a base64 PNG
 * @param xLabel the x axis label (charts with axes)
 * @param yLabel the y axis label (charts with axes)
 * @param xTicks the positions of the visible major x ticks
 * @param yTicks the positions of the visible major y ticks
 * @param xTickLabels the labels of those x ticks
 * @param yTickLabels the labels of those y ticks
 * @param xScale the x axis scale, e.g. {@code linear} or {@code log}
 * @param yScale the y axis scale
 * @param elements the data: series, bars, slices, boxes, or the subplots of a composite chart
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Chart(
        String type,
        String title,
        String png,
        @JsonProperty("x_label") String xLabel,
        @JsonProperty("y_label") String yLabel,
        @JsonProperty("x_ticks") List<Double> xTicks,
        @JsonProperty("y_ticks") List<Double> yTicks,
        @JsonProperty("x_tick_labels") List<String> xTickLabels,
        @JsonProperty("y_tick_labels") List<String> yTickLabels,
        @JsonProperty("x_scale") String xScale,
        @JsonProperty("y_scale") String yScale,
        List<ChartElement> elements) {
    public Chart {
        xTicks = copy(xTicks);
        yTicks = copy(yTicks);
        xTickLabels = copy(xTickLabels);
        yTickLabels = copy(yTickLabels);
        elements = copy(elements);
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
