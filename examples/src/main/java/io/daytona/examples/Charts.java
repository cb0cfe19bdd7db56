package io.daytona.examples;

import io.daytona.sdk.Daytona;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.Sandbox;
import io.daytona.sdk.chart.BarChart;
import io.daytona.sdk.chart.Chart;
import io.daytona.sdk.chart.LineChart;
import java.util.ArrayList;
import java.util.List;

/**
 * Charts from a code run: matplotlib figures a Python program shows come back typed, with their
 * data and a PNG, as the documentation's "charts" example shows with {@code code_run}.
 */
public final class Charts {
    private Charts() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns one line per chart: its type, title and data. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            ExecuteResponse response = sandbox.getProcess().codeRun("""
                    import matplotlib.pyplot as plt
                    plt.plot([0, 1, 2, 3], [0, 1, 4, 9], label='square')
                    plt.title('Growth')
                    plt.xlabel('step')
                    plt.ylabel('size')
                    plt.show()
                    fig, ax = plt.subplots()
                    ax.bar([0, 1, 2], [3, 5, 2], label='2024')
                    ax.set_title('Fruit sold')
                    plt.show()
                    """);
            List<String> lines = new ArrayList<>();
            for (Chart chart : response.artifacts().charts()) {
                // Charts are a sealed hierarchy: a switch sees every kind.
                String data = switch (chart) {
                    case LineChart line -> line.xLabel() + " vs " + line.yLabel() + ", " + line.elements().getFirst().points().size()
                            + " points of " + line.elements().getFirst().label();
                    case BarChart bar -> bar.elements().size() + " bars";
                    default -> chart.elements().size() + " elements";
                };
                lines.add(chart.type().wireValue() + " '" + chart.title() + "': " + data + " (PNG: " + (chart.png() != null) + ")");
            }
            return String.join("\n", lines);
        } finally {
            sandbox.delete();
        }
    }
}
