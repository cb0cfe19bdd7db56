package io.daytona.controlplane.audit;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/audit/organizations/{organizationId}} (a key of that organization with
 * {@code read:audit_logs}) and {@code GET /api/admin/audit} (system administrators, every
 * organization). Query: {@code page}, {@code limit} (1-1000, default 100), {@code from}, {@code to},
 * {@code nextToken}, and, beyond the reference, {@code action}, {@code targetType}, {@code targetId}.
 */
public final class AuditResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditLog log;
    private final Authenticator authenticator;

    public AuditResource(AuditLog log, Authenticator authenticator) {
        this.log = requireNonNull(log, "log is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/audit/organizations/{organizationId}", Access.organization(Permission.READ_AUDIT_LOGS),
                (ex, caller) -> query(ex, caller.organizationId()));
        api.get("/api/admin/audit", Access.systemAdmin(), (ex, caller) -> query(ex, null));
    }

    private void query(Exchange ex, String organizationId) throws Exception {
        int page = integer(ex, "page", 1);
        int limit = integer(ex, "limit", DEFAULT_LIMIT);
        if (page < 1) {
            throw ServiceException.badRequest("page must be at least 1, got %d", page);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.badRequest("limit must be between 1 and %d, got %d", MAX_LIMIT, limit);
        }
        AuditLog.Filter filter = new AuditLog.Filter(time(ex, "from"), time(ex, "to"), text(ex, "action"), text(ex, "targetType"),
                text(ex, "targetId"));
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw ServiceException.badRequest("from (%s) must not be after to (%s)", filter.from(), filter.to());
        }
        ex.json(200, log.query(organizationId, filter, page, limit, text(ex, "nextToken")));
    }

    private static String text(Exchange ex, String name) {
        return ex.query(name).filter(v -> !v.isBlank()).orElse(null);
    }

    private static int integer(Exchange ex, String name, int fallback) {
        String value = text(ex, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("%s must be an integer, got '%s'", name, value);
        }
    }

    private static Instant time(Exchange ex, String name) {
        String value = text(ex, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest("%s must be an ISO-8601 date and time such as 2025-01-31T12:00:00Z, got '%s'", name, value);
        }
    }
}
