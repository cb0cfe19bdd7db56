package io.daytona.sdk.chart;

/** A chart with an x and a y axis: a {@link PointChart}, {@link BarChart} or {@link BoxAndWhiskerChart}. */
public sealed interface Chart2D extends Chart permits PointChart, BarChart, BoxAndWhiskerChart {
    /**
     * Returns the label of the x axis.
     *
     * @return the label, or null
     */
    String xLabel();

    /**
     * Returns the label of the y axis.
     *
     * @return the label, or null
     */
    String yLabel();
}
