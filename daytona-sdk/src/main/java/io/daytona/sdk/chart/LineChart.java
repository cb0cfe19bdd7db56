package io.daytona.sdk.chart;

import java.util.List;

/**
 * A line chart: series of points joined by lines.
 *
 * @param title the axes' title, or null
 * @param png the figure as a base64 PNG, or null
 * @param xLabel the x axis label, or null
 * @param yLabel the y axis label, or null
 * @param xAxis the x axis
 * @param yAxis the y axis
 * @param elements the series
 * @param metadata the record the toolbox sent
 */
public record LineChart(String title, String png, String xLabel, String yLabel, Axis xAxis, Axis yAxis, List<PointData> elements,
                        io.daytona.model.toolbox.Chart metadata) implements PointChart {
    /**
     * Copies the series.
     *
     * @param title the axes' title, or null
     * @param png the figure as a base64 PNG, or null
     * @param xLabel the x axis label, or null
     * @param yLabel the y axis label, or null
     * @param xAxis the x axis
     * @param yAxis the y axis
     * @param elements the series
     * @param metadata the record the toolbox sent
     */
    public LineChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#LINE}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.LINE;
    }
}
