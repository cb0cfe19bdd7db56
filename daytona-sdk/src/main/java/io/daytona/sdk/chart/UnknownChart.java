package io.daytona.sdk.chart;

import java.util.List;

/**
 * A figure whose kind the toolbox could not tell; its elements as sent.
 *
 * @param title the axes' title, or null
 * @param png the figure as a base64 PNG, or null
 * @param elements the elements as sent
 * @param metadata the record the toolbox sent
 */
public record UnknownChart(String title, String png, List<io.daytona.model.toolbox.ChartElement> elements, io.daytona.model.toolbox.Chart metadata) implements Chart {
    /**
     * Copies the elements.
     *
     * @param title the axes' title, or null
     * @param png the figure as a base64 PNG, or null
     * @param elements the elements as sent
     * @param metadata the record the toolbox sent
     */
    public UnknownChart {
        elements = List.copyOf(elements);
    }

    /**
     * Returns {@link ChartType#UNKNOWN}.
     *
     * @return the type
     */
    @Override
    public ChartType type() {
        return ChartType.UNKNOWN;
    }
}
