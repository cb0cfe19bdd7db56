package io.daytona.sdk.chart;

import java.util.List;

/**
 * A bar chart.
 *
 * @param title the axes' title, or null
 * @param png the figure as a base64 PNG, or null
 * @param xLabel the x axis label, or null
 * @param yLabel the y axis label, or null
 * @param elements the bars
 * @param metadata the record the toolbox sent
 */
public record BarChart(String title, String png, String xLabel, String yLabel, List<BarData> elements, io.daytona.model.toolbox.Chart metadata) implements Chart2D {
    /**
     * Copies the elements.
     *
     * @param title the axes' title, or null
     * @param png the figure as a base64 PNG, or null
     * @param xLabel the x axis label, or null
     * @param yLabel the y axis label, or null
     * @param elements the bars
     * @param metadata the record the toolbox sent
     */
    public BarChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#BAR}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.BAR;
    }
}
