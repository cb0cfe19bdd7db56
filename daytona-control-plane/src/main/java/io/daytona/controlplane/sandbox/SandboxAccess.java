package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.audit.ToolboxAuditActions;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.util.Optional;

/** Decides whether a toolbox request may reach a sandbox: the caller's key must belong to the sandbox's organization. */
public final class SandboxAccess {
    private final Authenticator authenticator;
    private final SandboxRepository repository;
    private final AuditLog auditLog;
    private final ToolboxGrants grants;

    public SandboxAccess(Authenticator authenticator, SandboxRepository repository) {
        this(authenticator, repository, null);
    }

    /** With {@code auditLog}, toolbox calls the docs audit are recorded through {@link #recordToolboxCall}. */
    public SandboxAccess(Authenticator authenticator, SandboxRepository repository, AuditLog auditLog) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.auditLog = auditLog;
        this.grants = new ToolboxGrants(System::nanoTime);
    }

    /**
     * Records a forwarded toolbox call in the audit log if the docs audit it (commands, file
     * changes and downloads, git, sessions); the proxy calls this once the daemon answered.
     */
    public void recordToolboxCall(String sandboxId, Optional<String> authorization, String method, String daemonPath, int status,
                                  Instant at, String ip, String userAgent, String source) {
        if (auditLog == null) {
            return;
        }
        ToolboxAuditActions.of(method, daemonPath).ifPresent(action -> {
            try {
                auditLog.recordToolbox(authenticator.authenticate(authorization), sandboxId, action, status, at, ip, userAgent, source);
            } catch (ServiceException e) {
                // the key was revoked between the call and its answer: nothing to attribute
            }
        });
    }

    /** The web terminal's port: only members of the sandbox's organization may open it, even when public. */
    public static final int TERMINAL_PORT = 22222;

    /**
     * Returns the sandbox if the caller may open {@code port} of it: anyone for a public sandbox
     * (but the terminal port), the holder of its preview token, or an API key of its organization.
     */
    public SandboxRecord authorizePreview(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
        SandboxRecord sandbox = repository.findById(sandboxId)
                .filter(s -> s.desiredState() != io.daytona.model.sandbox.SandboxDesiredState.DESTROYED)
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s not found", sandboxId));
        boolean allowed = authorization.isPresent()
                ? authenticator.authenticate(authorization).organizationId().equals(sandbox.organizationId())
                : port != TERMINAL_PORT && (sandbox.isPublic() || previewToken.filter(sandbox.authToken()::equals).isPresent());
        if (!allowed) {
            throw port == TERMINAL_PORT
                    ? ServiceException.unauthorized("The web terminal is for members of the sandbox's organization: send Authorization: Bearer <api key>, "
                            + "or open a signed URL from GET /api/sandbox/" + sandboxId + "/ports/22222/signed-preview-url")
                    : ServiceException.unauthorized("This preview is private: send the header %s with the token from "
                            + "GET /api/sandbox/%s/ports/%d/preview-url, or Authorization: Bearer <api key>", "X-Daytona-Preview-Token", sandboxId, port);
        }
        if (sandbox.state() != SandboxState.STARTED) {
            throw new ServiceException(ErrorCode.CONFLICT,
                    "Sandbox %s is not running (state: %s); start it to open its previews".formatted(sandboxId, SandboxViews.shownState(sandbox).wireValue()));
        }
        return sandbox;
    }

    /** Returns the sandbox if the caller may use its toolbox and it is running; fails with 401, 404 or 409 otherwise. */
    public SandboxRecord authorizeToolbox(String sandboxId, Optional<String> authorization) {
        return grants.grant(sandboxId, authorization, () -> checkToolbox(sandboxId, authorization));
    }

    /**
     * As {@link #authorizeToolbox}, asking the database now rather than trusting a grant: the
     * runner says the daemon is not there, and the caller is told why (paused, stopped).
     */
    public SandboxRecord authorizeToolboxNow(String sandboxId, Optional<String> authorization) {
        return checkToolbox(sandboxId, authorization);
    }

    private SandboxRecord checkToolbox(String sandboxId, Optional<String> authorization) {
        Caller caller = authenticator.authenticate(authorization);
        SandboxRecord sandbox = repository.findLive(caller.organizationId(), sandboxId)
                .filter(s -> s.id().equals(sandboxId))
                .orElseThrow(() -> ServiceException.notFound("Sandbox with ID %s not found", sandboxId));
        if (sandbox.state() == SandboxState.PAUSED) {
            throw new ServiceException(ErrorCode.CONFLICT, ("Sandbox %s is paused: its processes are frozen; start it to resume them "
                    + "(POST /api/sandbox/%s/start), then call its toolbox").formatted(sandboxId, sandboxId));
        }
        if (sandbox.state() != SandboxState.STARTED) {
            throw new ServiceException(ErrorCode.CONFLICT,
                    "Sandbox %s is not running (state: %s); start it first".formatted(sandboxId, SandboxViews.shownState(sandbox).wireValue()));
        }
        return sandbox;
    }
}
