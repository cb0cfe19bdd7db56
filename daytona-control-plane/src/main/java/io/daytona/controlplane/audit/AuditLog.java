package io.daytona.controlplane.audit;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Caller;
import io.daytona.http.Exchange;
import io.daytona.http.ServiceException;
import io.daytona.model.audit.PaginatedAuditLogs;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit log: every mutating {@code /api} call, stored with its actor, action, target and outcome. */
public final class AuditLog {
    /** An endpoint sets this request attribute to name a target the path does not (the id of a created sandbox). */
    public static final String TARGET_ID_ATTRIBUTE = "daytona.audit.targetId";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_MESSAGE = 2048;

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Filters of a query; nulls mean no filter. */
    public record Filter(Instant from, Instant to, String action, String targetType, String targetId) {}

    /** The time a call is recorded at: when it arrived. */
    public Instant now() {
        return clock.instant();
    }

    /** Records one call that arrived {@code at}; a failure to record is logged, never turned into the caller's failure. */
    public void record(Exchange ex, Caller caller, String action, String template, Throwable failure, Instant at) {
        int status;
        String error = null;
        if (failure == null) {
            int written = ex.response().getStatus();
            status = written == 0 ? 200 : written;
        } else {
            status = failure instanceof ServiceException service ? service.code().status() : 500;
            error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            if (error.length() > MAX_MESSAGE) {
                error = error.substring(0, MAX_MESSAGE);
            }
        }
        // A refused call on another organization goes to the caller's own log, so that no one can write into a log not theirs.
        String organizationId = template.contains("{organizationId}") && status < 400 ? ex.pathParam("organizationId") : caller.organizationId();
        Object explicit = ex.request().getAttribute(TARGET_ID_ATTRIBUTE);
        String parameter = AuditActions.targetParameter(template);
        String targetId = explicit != null ? explicit.toString() : parameter == null ? null : ex.pathParam(parameter);
        try {
            insert(at, organizationId, caller, action, AuditActions.targetType(template), targetId, status, error,
                    ex.request().getConnectionMetaData().getRemoteSocketAddress().toString(),
                    ex.header("User-Agent").orElse(null), ex.header("X-Daytona-Source").orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("Could not record {} by {} in the audit log", action, caller.userId(), e);
        }
    }

    /** Records a toolbox call the proxy forwarded, with the daemon's answer. */
    public void recordToolbox(Caller caller, String sandboxId, String action, int status, Instant at, String ip, String userAgent,
                              String source) {
        try {
            insert(at, caller.organizationId(), caller, action, "sandbox", sandboxId, status, null, ip, userAgent, source);
        } catch (RuntimeException e) {
            LOG.warn("Could not record {} by {} in the audit log", action, caller.userId(), e);
        }
    }

    void insert(Instant at, String organizationId, Caller caller, String action, String targetType, String targetId, int status,
                String error, String ip, String userAgent, String source) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_log (id, organization_id, actor_id, actor_email, actor_api_key_prefix, actor_api_key_suffix,
                                               action, target_type, target_id, status_code, error_message, ip_address, user_agent,
                                               source, created_at)
                        VALUES (:id, :org, :actor, :email, :prefix, :suffix, :action, :targetType, :targetId, :status, :error,
                                :ip, :userAgent, :source, :now)""")
                .bind("id", UUID.randomUUID().toString())
                .bind("org", organizationId)
                .bind("actor", caller.userId())
                .bind("email", caller.email())
                .bind("prefix", caller.keyPrefix())
                .bind("suffix", caller.keySuffix())
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("targetId", truncate(targetId, 255))
                .bind("status", status)
                .bind("error", error)
                .bind("ip", truncate(ip, 64))
                .bind("userAgent", truncate(userAgent, 512))
                .bind("source", truncate(source, 64))
                .bind("now", at)
                .execute());
    }

    /**
     * One page, newest first. {@code organizationId} null means every organization (the admin's view).
     * {@code nextToken} (from the previous page) continues after that page's last entry and wins over {@code page}.
     */
    public PaginatedAuditLogs query(String organizationId, Filter filter, int page, int limit, String nextToken) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (organizationId != null) {
            where.append(" AND organization_id = :org");
        }
        if (filter.from() != null) {
            where.append(" AND created_at >= :from");
        }
        if (filter.to() != null) {
            where.append(" AND created_at <= :to");
        }
        if (filter.action() != null) {
            where.append(" AND action = :action");
        }
        if (filter.targetType() != null) {
            where.append(" AND target_type = :targetType");
        }
        if (filter.targetId() != null) {
            where.append(" AND target_id = :targetId");
        }
        String filters = where.toString();
        Cursor after = nextToken == null ? null : Cursor.decode(nextToken);
        if (after != null) {
            where.append(" AND (created_at < :afterTime OR (created_at = :afterTime AND id < :afterId))");
        }
        return jdbi.withHandle(handle -> {
            long total = bind(handle.createQuery("SELECT COUNT(*) FROM audit_log" + filters), organizationId, filter, null)
                    .mapTo(Long.class).one();
            Query select = bind(handle.createQuery("SELECT * FROM audit_log" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"), organizationId, filter, after)
                    .bind("limit", limit + 1)
                    .bind("offset", after == null ? (long) (page - 1) * limit : 0);
            List<io.daytona.model.audit.AuditLog> rows = select.map(AuditLog::map).list();
            boolean more = rows.size() > limit;
            List<io.daytona.model.audit.AuditLog> items = more ? rows.subList(0, limit) : rows;
            String next = more ? new Cursor(items.getLast().createdAt(), items.getLast().id()).encode() : null;
            int totalPages = (int) Math.max(1, (total + limit - 1) / limit);
            return new PaginatedAuditLogs(items, total, page, totalPages, next);
        });
    }

    private static Query bind(Query query, String organizationId, Filter filter, Cursor after) {
        if (organizationId != null) {
            query.bind("org", organizationId);
        }
        if (filter.from() != null) {
            query.bind("from", filter.from());
        }
        if (filter.to() != null) {
            query.bind("to", filter.to());
        }
        if (filter.action() != null) {
            query.bind("action", filter.action());
        }
        if (filter.targetType() != null) {
            query.bind("targetType", filter.targetType());
        }
        if (filter.targetId() != null) {
            query.bind("targetId", filter.targetId());
        }
        if (after != null) {
            query.bind("afterTime", after.createdAt()).bind("afterId", after.id());
        }
        return query;
    }

    private static io.daytona.model.audit.AuditLog map(ResultSet rs, StatementContext ctx) throws SQLException {
        int status = rs.getInt("status_code");
        return new io.daytona.model.audit.AuditLog(rs.getString("id"), rs.getString("actor_id"), rs.getString("actor_email"),
                rs.getString("actor_api_key_prefix"), rs.getString("actor_api_key_suffix"), rs.getString("organization_id"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), status,
                rs.getString("error_message"), rs.getString("ip_address"), rs.getString("user_agent"), rs.getString("source"),
                Map.of(), rs.getTimestamp("created_at").toInstant());
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    /** Where a page ended: the time and id of its last entry, as an opaque token. */
    private record Cursor(Instant createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int split = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, split)), text.substring(split + 1));
            } catch (RuntimeException e) {
                throw ServiceException.badRequest("nextToken '%s' is not a token this server gave; drop it to start from the first page", token);
            }
        }
    }
}
