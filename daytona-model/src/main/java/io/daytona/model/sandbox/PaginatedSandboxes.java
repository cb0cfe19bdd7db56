package io.daytona.model.sandbox;

import java.util.List;

/**
 * One page of the deprecated page-based list {@code GET /api/sandbox/paginated}.
 *
 * @param items the sandboxes of the page
 * @param total how many sandboxes match in all
 * @param page the page number, from 1
 * @param totalPages how many pages of this size there are
 */
public record PaginatedSandboxes(List<Sandbox> items, int total, int page, int totalPages) {
    public PaginatedSandboxes {
        items = List.copyOf(items);
    }
}
