package io.daytona.model.toolbox.files;

import java.util.List;

/** The answer of a successful {@code POST /files/bulk-upload}. */
public record UploadFilesResponse(List<UploadedFile> files) {
    public UploadFilesResponse {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
