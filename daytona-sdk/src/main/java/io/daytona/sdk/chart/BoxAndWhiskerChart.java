package io.daytona.sdk.chart;

import java.util.List;

/**
 * A box and whisker chart.
 *
 * @param title the axes' title, or null
 * @param png the figure as a base64 PNG, or null
 * @param xLabel the x axis label, or null
 * @param yLabel the y axis label, or null
 * @param elements the boxes
 * @param metadata the record the toolbox sent
 */
public record BoxAndWhiskerChart(String title, String png, String xLabel, String yLabel, List<BoxAndWhiskerData> elements, io.daytona.model.toolbox.Chart metadata) implements Chart2D {
    /**
     * Copies the elements.
     *
     * @param title the axes' title, or null
     * @param png the figure as a base64 PNG, or null
     * @param xLabel the x axis label, or null
     * @param yLabel the y axis label, or null
     * @param elements the boxes
     * @param metadata the record the toolbox sent
     */
    public BoxAndWhiskerChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#BOX_AND_WHISKER}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.BOX_AND_WHISKER;
    }
}
