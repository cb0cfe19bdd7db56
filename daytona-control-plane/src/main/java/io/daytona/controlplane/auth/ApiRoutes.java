package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditActions;
import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.ratelimit.RateLimiter;
import io.daytona.http.Endpoint;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.time.Instant;
import java.util.Set;

/**
 * Registers {@code /api} routes that declare their {@link Access}. Every such route is, in order:
 * throttled (anonymous or failed-auth limits before authentication, the organization's limits
 * after), authenticated, checked against its access (permission, organization in the path, system
 * role), run, and, if it changes something, recorded in the audit log with its outcome.
 *
 * <pre>{@code
 * ApiRoutes api = authenticator.routes(router);
 * api.post("/api/sandbox/{sandboxIdOrName}/start", Access.organization(Permission.WRITE_SANDBOXES),
 *         (ex, caller) -> ex.json(200, service.start(caller, ex.pathParam("sandboxIdOrName"))));
 * }</pre>
 */
public final class ApiRoutes {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Router router;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final AuditLog auditLog;

    ApiRoutes(Router router, Authenticator authenticator, RateLimiter rateLimiter, AuditLog auditLog) {
        this.router = requireNonNull(router, "router is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
    }

    public ApiRoutes get(String template, Access access, CallerEndpoint endpoint) {
        return route("GET", template, access, endpoint);
    }

    public ApiRoutes post(String template, Access access, CallerEndpoint endpoint) {
        return route("POST", template, access, endpoint);
    }

    public ApiRoutes put(String template, Access access, CallerEndpoint endpoint) {
        return route("PUT", template, access, endpoint);
    }

    public ApiRoutes patch(String template, Access access, CallerEndpoint endpoint) {
        return route("PATCH", template, access, endpoint);
    }

    public ApiRoutes delete(String template, Access access, CallerEndpoint endpoint) {
        return route("DELETE", template, access, endpoint);
    }

    public ApiRoutes route(String method, String template, Access access, CallerEndpoint endpoint) {
        router.route(method, template, new Guarded(method, template, access, endpoint));
        return this;
    }

    /** The code behind a runner's route: {@code runnerId} is the runner whose key authenticated the request. */
    @FunctionalInterface
    public interface RunnerEndpoint {
        void handle(Exchange exchange, String runnerId) throws Exception;
    }

    /**
     * Registers a route for runners ({@link Access#runner()}): authenticated by the runner's own
     * key, throttled like a failed authentication when the key is wrong, and not audited (a
     * runner reports every few seconds; its registration and removal, made by users, are).
     */
    public ApiRoutes runnerRoute(String method, String template, RunnerEndpoint endpoint) {
        requireNonNull(endpoint, "endpoint is null");
        router.route(method, template, new Guarded(method, template, Access.runner(),
                (ex, caller) -> endpoint.handle(ex, (String) ex.request().getAttribute(RUNNER_ATTRIBUTE))));
        return this;
    }

    private static final String RUNNER_ATTRIBUTE = ApiRoutes.class.getName() + ".runner";

    /** A route's endpoint wrapped in its access checks; tests read {@link #access()} off the router. */
    public final class Guarded implements Endpoint {
        private final String method;
        private final String template;
        private final Access access;
        private final CallerEndpoint endpoint;
        private final RateLimiter.Throttle throttle;
        private final String action;

        Guarded(String method, String template, Access access, CallerEndpoint endpoint) {
            this.method = method;
            this.template = template;
            this.access = requireNonNull(access, "access is null");
            this.endpoint = requireNonNull(endpoint, "endpoint is null");
            this.throttle = RateLimiter.Throttle.of(method, template);
            this.action = access.action().orElseGet(() -> AuditActions.derive(method, template));
        }

        public Access access() {
            return access;
        }

        public String template() {
            return template;
        }

        @Override
        public void handle(Exchange ex) throws Exception {
            if (access.scope() == Access.Scope.ANONYMOUS) {
                rateLimiter.anonymous(ex);
                endpoint.handle(ex, null);
                return;
            }
            rateLimiter.beforeAuthentication(ex);
            if (access.scope() == Access.Scope.RUNNER) {
                String runnerId;
                try {
                    runnerId = authenticator.authenticateRunner(ex.header("Authorization"));
                } catch (ServiceException e) {
                    if (e.code() == ErrorCode.UNAUTHORIZED) {
                        rateLimiter.failedAuthentication(ex);
                    }
                    throw e;
                }
                ex.request().setAttribute(RUNNER_ATTRIBUTE, runnerId);
                endpoint.handle(ex, null);
                return;
            }
            Caller caller;
            try {
                // A user route may name another organization in the header (to make a key there); it checks membership itself.
                caller = access.scope() == Access.Scope.USER ? authenticator.authenticate(ex.header("Authorization"))
                        : authenticator.authenticate(ex);
            } catch (ServiceException e) {
                if (e.code() == ErrorCode.UNAUTHORIZED) {
                    rateLimiter.failedAuthentication(ex);
                }
                throw e;
            }
            rateLimiter.authenticated(ex, caller, throttle);
            if (READ_METHODS.contains(method)) {
                check(ex, caller);
                endpoint.handle(ex, caller);
                return;
            }
            Instant at = auditLog.now();
            boolean[] recorded = {false};
            ex.beforeCommit(() -> {
                if (!recorded[0]) {
                    recorded[0] = true;
                    auditLog.record(ex, caller, action, template, null, at);
                }
            });
            try {
                check(ex, caller);
                endpoint.handle(ex, caller);
            } catch (Throwable failure) {
                if (!recorded[0]) {
                    recorded[0] = true;
                    auditLog.record(ex, caller, action, template, failure, at);
                }
                throw failure;
            }
            if (!recorded[0]) {
                auditLog.record(ex, caller, action, template, null, at);
            }
        }

        private void check(Exchange ex, Caller caller) {
            switch (access.scope()) {
                case ORGANIZATION -> {
                    if (template.contains("{organizationId}") && !ex.pathParam("organizationId").equals(caller.organizationId())) {
                        throw ServiceException.forbidden("This API key belongs to organization %s and cannot act on organization %s",
                                caller.organizationId(), ex.pathParam("organizationId"));
                    }
                    access.check(caller);
                }
                case SYSTEM_ADMIN -> caller.requireSystemAdmin();
                case USER -> access.check(caller);
                case ANONYMOUS, RUNNER -> { }
            }
        }
    }
}
