package io.daytona.sdk.chart;

import io.daytona.model.toolbox.ChartElement;
import java.util.List;

/**
 * One box of a {@link BoxAndWhiskerChart}.
 *
 * @param label the box's label
 * @param min the lower whisker, or null
 * @param firstQuartile the first quartile, or null
 * @param median the median, or null
 * @param thirdQuartile the third quartile, or null
 * @param max the upper whisker, or null
 * @param outliers the points beyond the whiskers
 */
public record BoxAndWhiskerData(String label, Double min, Double firstQuartile, Double median, Double thirdQuartile, Double max,
                                List<Double> outliers) {
    /**
     * Copies the outliers; null counts as none.
     *
     * @param label the box's label
     * @param min the lower whisker, or null
     * @param firstQuartile the first quartile, or null
     * @param median the median, or null
     * @param thirdQuartile the third quartile, or null
     * @param max the upper whisker, or null
     * @param outliers the points beyond the whiskers, or null
     */
    public BoxAndWhiskerData {
        outliers = outliers == null ? List.of() : List.copyOf(outliers);
    }

    static List<BoxAndWhiskerData> of(List<ChartElement> elements) {
        return elements.stream().map(element -> new BoxAndWhiskerData(element.label(), element.min(), element.firstQuartile(),
                element.median(), element.thirdQuartile(), element.max(), element.outliers())).toList();
    }
}
