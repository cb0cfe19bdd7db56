package io.daytona.sdk.chart;

import io.daytona.model.toolbox.ChartElement;
import java.util.List;
import java.util.Objects;

/**
 * A matplotlib figure a code run showed, typed by its {@link ChartType}: a {@link LineChart},
 * {@link ScatterChart}, {@link BarChart}, {@link PieChart}, {@link BoxAndWhiskerChart},
 * {@link CompositeChart} (several axes, each a chart) or {@link UnknownChart}. Made from the
 * toolbox's flat wire record by {@link #of(io.daytona.model.toolbox.Chart)}; switch over it with
 * pattern matching:
 *
 * <pre>{@code
 * for (Chart chart : response.artifacts().charts()) {
 *     switch (chart) {
 *         case LineChart line -> System.out.println(line.title() + ": " + line.elements().size() + " lines");
 *         case BarChart bar -> System.out.println(bar.xLabel());
 *         default -> System.out.println(chart.type());
 *     }
 * }
 * }</pre>
 */
public sealed interface Chart permits Chart2D, PieChart, CompositeChart, UnknownChart {
    /**
     * Returns the kind of chart.
     *
     * @return the type, never null
     */
    ChartType type();

    /**
     * Returns the title of the axes (of the figure, for a composite chart).
     *
     * @return the title, or null
     */
    String title();

    /**
     * Returns the figure rendered as a PNG.
     *
     * @return the PNG encoded in base64, or null (subplots are not rendered on their own)
     */
    String png();

    /**
     * Returns the chart's data: points, bars, slices, boxes or subplots, by type.
     *
     * @return the elements, unmodifiable
     */
    List<?> elements();

    /**
     * Returns the record the toolbox sent, with every field it had; the Python SDK's {@code to_dict()}.
     *
     * @return the wire record
     */
    io.daytona.model.toolbox.Chart metadata();

    /**
     * Types a chart the toolbox sent.
     *
     * @param wire the chart as received
     * @return the typed chart; {@link UnknownChart} for a type this SDK does not know
     */
    static Chart of(io.daytona.model.toolbox.Chart wire) {
        Objects.requireNonNull(wire, "wire is null");
        List<ChartElement> elements = wire.elements() == null ? List.of() : wire.elements();
        return switch (ChartType.fromWire(wire.type())) {
            case LINE -> new LineChart(wire.title(), wire.png(), wire.xLabel(), wire.yLabel(), Axis.x(wire), Axis.y(wire),
                    PointData.of(elements), wire);
            case SCATTER -> new ScatterChart(wire.title(), wire.png(), wire.xLabel(), wire.yLabel(), Axis.x(wire), Axis.y(wire),
                    PointData.of(elements), wire);
            case BAR -> new BarChart(wire.title(), wire.png(), wire.xLabel(), wire.yLabel(), BarData.of(elements), wire);
            case PIE -> new PieChart(wire.title(), wire.png(), PieData.of(elements), wire);
            case BOX_AND_WHISKER -> new BoxAndWhiskerChart(wire.title(), wire.png(), wire.xLabel(), wire.yLabel(),
                    BoxAndWhiskerData.of(elements), wire);
            case COMPOSITE_CHART -> new CompositeChart(wire.title(), wire.png(),
                    elements.stream().map(Chart::subplot).map(Chart::of).toList(), wire);
            case UNKNOWN -> new UnknownChart(wire.title(), wire.png(), elements, wire);
        };
    }

    /**
     * Types every chart of a code run.
     *
     * @param wire the charts as received; null for none
     * @return the typed charts, in order, unmodifiable
     */
    static List<Chart> ofAll(List<io.daytona.model.toolbox.Chart> wire) {
        return wire == null ? List.of() : wire.stream().map(Chart::of).toList();
    }

    private static io.daytona.model.toolbox.Chart subplot(ChartElement element) {
        return new io.daytona.model.toolbox.Chart(element.type(), element.title(), element.png(), element.xLabel(), element.yLabel(),
                element.xTicks(), element.yTicks(), element.xTickLabels(), element.yTickLabels(), element.xScale(), element.yScale(),
                element.elements());
    }
}
