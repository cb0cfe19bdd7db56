package io.daytona.model.toolbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a code run produced besides its output.
 *
 * @param charts the matplotlib figures the program showed, in order; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeRunArtifacts(List<Chart> charts) {
    public CodeRunArtifacts {
        charts = charts == null ? null : List.copyOf(charts);
    }
}
