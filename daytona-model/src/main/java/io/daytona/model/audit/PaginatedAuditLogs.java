package io.daytona.model.audit;

import java.util.List;

/** A page of audit entries, newest first; {@code nextToken} continues after the last item, null at the end. */
public record PaginatedAuditLogs(List<AuditLog> items, long total, int page, int totalPages, String nextToken) {
    public PaginatedAuditLogs {
        items = List.copyOf(items);
    }
}
