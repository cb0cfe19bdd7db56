package io.daytona.sdk.chart;

import java.util.List;

/**
 * One axis of a {@link PointChart}: its major ticks, their labels and its scale.
 *
 * @param ticks the positions of the visible major ticks
 * @param tickLabels the labels of those ticks
 * @param scale the scale, e.g. {@code linear} or {@code log}, or null
 */
public record Axis(List<Double> ticks, List<String> tickLabels, String scale) {
    /**
     * Copies the lists; null lists count as empty.
     *
     * @param ticks the tick positions, or null
     * @param tickLabels the tick labels, or null
     * @param scale the scale, or null
     */
    public Axis {
        ticks = ticks == null ? List.of() : List.copyOf(ticks);
        tickLabels = tickLabels == null ? List.of() : List.copyOf(tickLabels);
    }

    static Axis x(io.daytona.model.toolbox.Chart wire) {
        return new Axis(wire.xTicks(), wire.xTickLabels(), wire.xScale());
    }

    static Axis y(io.daytona.model.toolbox.Chart wire) {
        return new Axis(wire.yTicks(), wire.yTickLabels(), wire.yScale());
    }
}
