package io.daytona.model.toolbox.computeruse;

import java.util.List;

/** The answer to {@code GET /computeruse/recordings}: the ones under way, then the files, newest first. */
public record ListRecordingsResponse(List<Recording> recordings) {
    public ListRecordingsResponse {
        recordings = recordings == null ? List.of() : List.copyOf(recordings);
    }
}
