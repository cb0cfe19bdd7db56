package io.daytona.model.toolbox.computeruse;

import java.util.Map;

/**
 * The answer to {@code POST /computeruse/start}.
 *
 * @param message what happened, in words
 * @param status every desktop process by name ({@code xvfb}, {@code xfce4}, {@code x11vnc}, {@code novnc}, ...)
 */
public record ComputerUseStartResponse(String message, Map<String, ProcessStatus> status) {
    public ComputerUseStartResponse {
        status = status == null ? Map.of() : Map.copyOf(status);
    }
}
