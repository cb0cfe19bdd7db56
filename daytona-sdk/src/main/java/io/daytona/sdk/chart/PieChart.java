package io.daytona.sdk.chart;

import java.util.List;

/**
 * A pie chart.
 *
 * @param title the axes' title, or null
 * @param png the figure as a base64 PNG, or null
 * @param elements the slices
 * @param metadata the record the toolbox sent
 */
public record PieChart(String title, String png, List<PieData> elements, io.daytona.model.toolbox.Chart metadata) implements Chart {
    /**
     * Copies the elements.
     *
     * @param title the axes' title, or null
     * @param png the figure as a base64 PNG, or null
     * @param elements the slices
     * @param metadata the record the toolbox sent
     */
    public PieChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#PIE}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.PIE;
    }
}
