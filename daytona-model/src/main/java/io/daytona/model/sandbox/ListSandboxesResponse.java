package io.daytona.model.sandbox;

import java.util.List;

/**
 * One page of {@code GET /api/sandbox}. {@code nextCursor} is null on the last page and is
 * always written, because the SDKs treat it as a required field.
 */
public record ListSandboxesResponse(List<Sandbox> items, String nextCursor) {
    public ListSandboxesResponse {
        items = List.copyOf(items);
    }
}
