package io.daytona.model.toolbox.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The body of {@code POST /files/bulk-download}: the files to send, each in its own part. */
public record FilesDownloadRequest(List<String> paths) {
    public FilesDownloadRequest {
        // Not List.copyOf: it rejects null elements, which the endpoint reports per path instead.
        paths = paths == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(paths));
    }
}
