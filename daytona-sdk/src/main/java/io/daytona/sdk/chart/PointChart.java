package io.daytona.sdk.chart;

import java.util.List;

/** A chart of series of points: a {@link LineChart} or {@link ScatterChart}. */
public sealed interface PointChart extends Chart2D permits LineChart, ScatterChart {
    /**
     * Returns the x axis: ticks, tick labels and scale.
     *
     * @return the x axis
     */
    Axis xAxis();

    /**
     * Returns the y axis: ticks, tick labels and scale.
     *
     * @return the y axis
     */
    Axis yAxis();

    /**
     * Returns the positions of the x axis' major ticks.
     *
     * @return the positions, unmodifiable
     */
    default List<Double> xTicks() {
        return xAxis().ticks();
    }

    /**
     * Returns the labels of the x axis' major ticks.
     *
     * @return the labels, unmodifiable
     */
    default List<String> xTickLabels() {
        return xAxis().tickLabels();
    }

    /**
     * Returns the scale of the x axis.
     *
     * @return e.g. {@code linear}, or null
     */
    default String xScale() {
        return xAxis().scale();
    }

    /**
     * Returns the positions of the y axis' major ticks.
     *
     * @return the positions, unmodifiable
     */
    default List<Double> yTicks() {
        return yAxis().ticks();
    }

    /**
     * Returns the labels of the y axis' major ticks.
     *
     * @return the labels, unmodifiable
     */
    default List<String> yTickLabels() {
        return yAxis().tickLabels();
    }

    /**
     * Returns the scale of the y axis.
     *
     * @return e.g. {@code linear}, or null
     */
    default String yScale() {
        return yAxis().scale();
    }

    /**
     * Returns the series, one per line or scatter.
     *
     * @return the series, unmodifiable
     */
    @Override
    List<PointData> elements();
}
