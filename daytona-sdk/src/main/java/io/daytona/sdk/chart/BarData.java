package io.daytona.sdk.chart;

import io.daytona.model.toolbox.ChartElement;
import java.util.List;

/**
 * One bar of a {@link BarChart}.
 *
 * @param label the bar's category
 * @param group the series the bar belongs to
 * @param value the bar's height; a string, as the official SDKs declare it
 */
public record BarData(String label, String group, String value) {
    static List<BarData> of(List<ChartElement> elements) {
        return elements.stream().map(element -> new BarData(element.label(), element.group(), element.value())).toList();
    }
}
