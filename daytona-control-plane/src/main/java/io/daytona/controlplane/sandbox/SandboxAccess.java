package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SandboxState;
import java.util.Optional;

/** Decides whether a toolbox request may reach a sandbox: the caller's key must belong to the sandbox's organization. */
public final class SandboxAccess {
    private final Authenticator authenticator;
    private final SandboxRepository repository;

    public SandboxAccess(Authenticator authenticator, SandboxRepository repository) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** Returns the sandbox if the caller may use its toolbox and it is running; fails with 401, 404 or 409 otherwise. */
    public SandboxRecord authorizeToolbox(String sandboxId, Optional<String> authorization) {
        Caller caller = authenticator.authenticate(authorization);
        SandboxRecord sandbox = repository.findLive(caller.organizationId(), sandboxId)
                .filter(s -> s.id().equals(sandboxId))
                .orElseThrow(() -> ServiceException.notFound("Sandbox with ID %s not found", sandboxId));
        if (sandbox.state() != SandboxState.STARTED) {
            throw new ServiceException(ErrorCode.CONFLICT,
                    "Sandbox %s is not running (state: %s); start it first".formatted(sandboxId, SandboxViews.shownState(sandbox).wireValue()));
        }
        return sandbox;
    }
}
