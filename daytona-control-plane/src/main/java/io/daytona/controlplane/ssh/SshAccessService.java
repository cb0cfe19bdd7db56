package io.daytona.controlplane.ssh;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.controlplane.sandbox.SandboxViews;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.ssh.SshAccess;
import io.daytona.model.ssh.SshAccessValidation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * SSH access tokens: made for a sandbox with an expiry, revoked one by one or all at once, and
 * checked by the SSH gateway, for which the token is the user name.
 */
public final class SshAccessService {
    public static final int DEFAULT_EXPIRY_MINUTES = 60;
    /** 30 days: long enough for a work session of an editor, short enough that forgotten tokens die. */
    public static final int MAX_EXPIRY_MINUTES = 30 * 24 * 60;
    private static final int TOKEN_LENGTH = 32;

    private final SshAccessRepository repository;
    private final SandboxService sandboxes;
    private final SandboxRepository sandboxRecords;
    private final String commandTemplate;
    private final Clock clock;

    /**
     * @param commandTemplate how to connect, with {@code {{TOKEN}}} where the token goes, e.g.
     *     {@code ssh -p 2222 {{TOKEN}}@localhost}
     */
    public SshAccessService(SshAccessRepository repository, SandboxService sandboxes, SandboxRepository sandboxRecords,
                            String commandTemplate, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.sandboxRecords = requireNonNull(sandboxRecords, "sandboxRecords is null");
        this.commandTemplate = requireNonNull(commandTemplate, "commandTemplate is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SshAccess create(Caller caller, String idOrName, int expiresInMinutes) {
        if (expiresInMinutes < 1 || expiresInMinutes > MAX_EXPIRY_MINUTES) {
            throw ServiceException.badRequest("expiresInMinutes must be from 1 to %d (30 days), got %d", MAX_EXPIRY_MINUTES, expiresInMinutes);
        }
        SandboxRecord sandbox = sandboxes.get(caller, idOrName);
        String token = ApiKeys.randomToken(TOKEN_LENGTH);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(expiresInMinutes));
        repository.insert(id, sandbox.id(), ApiKeys.hash(token), expiresAt, now);
        return new SshAccess(id, sandbox.id(), token, expiresAt, now, now, commandTemplate.replace("{{TOKEN}}", token));
    }

    /** Revokes one token of the sandbox, or all of them when none is named. Revoking an unknown token changes nothing. */
    public SandboxRecord revoke(Caller caller, String idOrName, Optional<String> token) {
        SandboxRecord sandbox = sandboxes.get(caller, idOrName);
        if (token.isPresent()) {
            repository.delete(sandbox.id(), ApiKeys.hash(token.get()));
        } else {
            repository.deleteAll(sandbox.id());
        }
        return sandbox;
    }

    /** Whether the token opens a sandbox of the caller's organization now. */
    public SshAccessValidation validate(Caller caller, String token) {
        return liveSandbox(token)
                .filter(sandbox -> sandbox.organizationId().equals(caller.organizationId()))
                .map(sandbox -> new SshAccessValidation(true, sandbox.id()))
                .orElse(new SshAccessValidation(false, ""));
    }

    /** For the SSH gateway: the sandbox the token opens, if it is known, unexpired and the sandbox not deleted. */
    public Optional<String> sandboxFor(String token) {
        return liveSandbox(token).map(SandboxRecord::id);
    }

    /** For the SSH gateway: fails with a message for the user unless the sandbox is running. */
    public void requireRunning(String sandboxId) {
        SandboxRecord sandbox = sandboxRecords.findById(sandboxId)
                .filter(s -> s.desiredState() != SandboxDesiredState.DESTROYED)
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s no longer exists", sandboxId));
        if (sandbox.state() != SandboxState.STARTED) {
            throw ServiceException.conflict("Sandbox %s is not running (state: %s); start it (sandbox.start(), or POST /api/sandbox/%s/start) and connect again",
                    sandboxId, SandboxViews.shownState(sandbox).wireValue(), sandboxId);
        }
    }

    private Optional<SandboxRecord> liveSandbox(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return repository.findByHash(ApiKeys.hash(token))
                .filter(access -> access.expiresAt().isAfter(now))
                .flatMap(access -> sandboxRecords.findById(access.sandboxId()))
                .filter(sandbox -> sandbox.desiredState() != SandboxDesiredState.DESTROYED);
    }
}
