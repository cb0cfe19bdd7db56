package io.daytona.sdk.chart;

import io.daytona.model.toolbox.ChartElement;
import java.util.List;

/**
 * One slice of a {@link PieChart}. (The Python SDK declares an {@code autopct} too, which the
 * toolbox never sends.)
 *
 * @param label the slice's label
 * @param angle its angle in degrees, or null
 * @param radius its radius, or null
 */
public record PieData(String label, Double angle, Double radius) {
    static List<PieData> of(List<ChartElement> elements) {
        return elements.stream().map(element -> new PieData(element.label(), element.angle(), element.radius())).toList();
    }
}
