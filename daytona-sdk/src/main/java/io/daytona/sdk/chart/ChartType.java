package io.daytona.sdk.chart;

/** The kind of a {@link Chart}, as the toolbox names it in the chart's {@code type}. */
public enum ChartType {
    /** A {@link LineChart}. */
    LINE("line"),
    /** A {@link ScatterChart}. */
    SCATTER("scatter"),
    /** A {@link BarChart}. */
    BAR("bar"),
    /** A {@link PieChart}. */
    PIE("pie"),
    /** A {@link BoxAndWhiskerChart}. */
    BOX_AND_WHISKER("box_and_whisker"),
    /** A {@link CompositeChart}: a figure with several axes. */
    COMPOSITE_CHART("composite_chart"),
    /** A figure the toolbox could not classify; an {@link UnknownChart}. */
    UNKNOWN("unknown");

    private final String wireValue;

    ChartType(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the name on the wire.
     *
     * @return e.g. {@code box_and_whisker}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Returns the type named {@code value} on the wire.
     *
     * @param value e.g. {@code line}; null or an unknown name gives {@link #UNKNOWN}
     * @return the type
     */
    public static ChartType fromWire(String value) {
        for (ChartType type : values()) {
            if (type.wireValue.equals(value)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
