package io.daytona.sdk.chart;

import io.daytona.model.toolbox.ChartElement;
import java.util.List;

/**
 * One series of a {@link PointChart}.
 *
 * @param label the series' label, or null
 * @param points its points, in order
 */
public record PointData(String label, List<Point> points) {
    /**
     * Copies the points.
     *
     * @param label the series' label, or null
     * @param points its points
     */
    public PointData {
        points = List.copyOf(points);
    }

    /**
     * A point of a series.
     *
     * @param x its x value, or null if the toolbox sent none
     * @param y its y value, or null if the toolbox sent none
     */
    public record Point(Double x, Double y) {}

    static List<PointData> of(List<ChartElement> elements) {
        return elements.stream().map(element -> new PointData(element.label(), element.points() == null ? List.of()
                : element.points().stream().map(pair -> new Point(at(pair, 0), at(pair, 1))).toList())).toList();
    }

    private static Double at(List<Double> pair, int index) {
        return pair.size() > index ? pair.get(index) : null;
    }
}
