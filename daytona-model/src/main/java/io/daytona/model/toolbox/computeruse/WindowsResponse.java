package io.daytona.model.toolbox.computeruse;

import java.util.List;

/** The answer to {@code GET /computeruse/display/windows}. */
public record WindowsResponse(List<WindowInfo> windows) {
    public WindowsResponse {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }
}
