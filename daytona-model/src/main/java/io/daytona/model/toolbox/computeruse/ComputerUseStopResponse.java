package io.daytona.model.toolbox.computeruse;

import java.util.Map;

/**
 * The answer to {@code POST /computeruse/stop}.
 *
 * @param message what happened, in words
 * @param status every desktop process by name, none of them running
 */
public record ComputerUseStopResponse(String message, Map<String, ProcessStatus> status) {
    public ComputerUseStopResponse {
        status = status == null ? Map.of() : Map.copyOf(status);
    }
}
