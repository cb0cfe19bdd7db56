package io.daytona.model.snapshot;

import java.util.List;

/** One page of {@code GET /api/snapshots}; pages count from 1. */
public record PaginatedSnapshots(List<Snapshot> items, int total, int page, int totalPages) {
    public PaginatedSnapshots {
        items = List.copyOf(items);
    }
}
