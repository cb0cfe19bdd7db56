package io.daytona.model.toolbox.computeruse;

import java.util.List;

/** The answer to {@code GET /computeruse/display/info}. */
public record DisplayInfoResponse(List<DisplayInfo> displays) {
    public DisplayInfoResponse {
        displays = displays == null ? List.of() : List.copyOf(displays);
    }
}
