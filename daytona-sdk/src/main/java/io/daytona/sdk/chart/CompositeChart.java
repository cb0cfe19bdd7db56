package io.daytona.sdk.chart;

import java.util.List;

/**
 * A figure with several axes (subplots), each a chart of its own.
 *
 * @param title the figure's title, or null
 * @param png the figure as a base64 PNG, or null
 * @param elements the subplots, in order
 * @param metadata the record the toolbox sent
 */
public record CompositeChart(String title, String png, List<Chart> elements, io.daytona.model.toolbox.Chart metadata) implements Chart {
    /**
     * Copies the elements.
     *
     * @param title the figure's title, or null
     * @param png the figure as a base64 PNG, or null
     * @param elements the subplots, in order
     * @param metadata the record the toolbox sent
     */
    public CompositeChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#COMPOSITE_CHART}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.COMPOSITE_CHART;
    }
}
