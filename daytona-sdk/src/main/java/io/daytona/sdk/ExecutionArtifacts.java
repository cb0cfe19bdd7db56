package io.daytona.sdk;

import io.daytona.sdk.chart.Chart;
import java.util.List;

/**
 * What a command or program produced besides its exit code.
 *
 * @param stdout the output (stdout and stderr combined, as the toolbox reports it), without the
 *     lines that carried charts
 * @param charts the matplotlib figures a {@link SandboxProcess#codeRun(String) code run} showed, in
 *     order; empty for commands and programs that showed none
 */
public record ExecutionArtifacts(String stdout, List<Chart> charts) {
    /**
     * Normalizes absent values: null output is empty, null charts are none.
     *
     * @param stdout the output, or null
     * @param charts the charts, or null
     */
    public ExecutionArtifacts {
        stdout = stdout == null ? "" : stdout;
        charts = charts == null ? List.of() : List.copyOf(charts);
    }

    /**
     * Artifacts of output without charts.
     *
     * @param stdout the output, or null
     */
    public ExecutionArtifacts(String stdout) {
        this(stdout, List.of());
    }
}
