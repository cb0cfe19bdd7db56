package io.daytona.model.toolbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of a {@link Chart}. Like the toolbox API's {@code ChartElement} schema, it is flat:
 * each chart type fills its own fields and leaves the others absent.
 *
 * <ul>
 *   <li>line and scatter: {@code label}, {@code points}
 *   <li>bar: {@code label} (the category), {@code group} (the series), {@code value}
 *   <li>pie: {@code label}, {@code angle} (degrees), {@code radius}
 *   <li>box and whisker: {@code label}, {@code min}, {@code first_quartile}, {@code median},
 *       {@code third_quartile}, {@code max}, {@code outliers}
 *   <li>composite: a whole subplot, with the chart fields from {@code type} to {@code elements}
 * </ul>
 *
 * @param label the series, category or slice name
 * @param points {@code [x, y]} pairs of a line or scatter series
 * @param group the series a bar belongs to
 * @param value a bar's value; a string because the SDKs declare it one
 * @param angle a pie slice's angle in degrees
 * @param radius a pie slice's radius
 * @param min a box's lower whisker
 * @param firstQuartile a box's first quartile
 * @param median a box's median
 * @param thirdQuartile a box's third quartile
 * @param max a box's upper whisker
 * @param outliers a box's points beyond the whiskers
 * @param type a subplot's chart type
 * @param title a subplot's title
 * @param png a subplot's PNG, if rendered on its own
 * @param xLabel a subplot's x axis label
 * @param yLabel a subplot's y axis label
 * @param xTicks a subplot's x tick positions
 * @param yTicks a subplot's y tick positions
 * @param xTickLabels a subplot's x tick labels
 * @param yTickLabels a subplot's y tick labels
 * @param xScale a subplot's x axis scale
 * @param yScale a subplot's y axis scale
 * @param elements a subplot's elements
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartElement(
        String label,
        List<List<Double>> points,
        String group,
        String value,
        Double angle,
        Double radius,
        Double min,
        @JsonProperty("first_quartile") Double firstQuartile,
        Double median,
        @JsonProperty("third_quartile") Double thirdQuartile,
        Double max,
        List<Double> outliers,
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
    public ChartElement {
        points = points == null ? null : points.stream().map(List::copyOf).toList();
        outliers = Chart.copy(outliers);
        xTicks = Chart.copy(xTicks);
        yTicks = Chart.copy(yTicks);
        xTickLabels = Chart.copy(xTickLabels);
        yTickLabels = Chart.copy(yTickLabels);
        elements = Chart.copy(elements);
    }
}
