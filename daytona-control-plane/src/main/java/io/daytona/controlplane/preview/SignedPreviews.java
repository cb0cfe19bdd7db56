package io.daytona.controlplane.preview;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SignedPortPreviewUrl;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed preview URLs: {@code {port}-{token}.{domain}} opens one port of one sandbox without
 * headers until it expires. Unlike the sandbox's preview token, they are stored apart from the
 * sandbox, so they survive its restarts.
 */
public final class SignedPreviews {
    public static final int DEFAULT_EXPIRY_SECONDS = 60;
    /** The reference's maximum: one day. */
    public static final int MAX_EXPIRY_SECONDS = 24 * 60 * 60;
    /** Lowercase letters and digits, so the token fits a host name label. */
    static final int TOKEN_LENGTH = 20;

    private final SignedPreviewRepository repository;
    private final SandboxService sandboxes;
    private final SandboxDefaults defaults;
    private final Clock clock;
    private final PreviewGrants grants;

    public SignedPreviews(SignedPreviewRepository repository, SandboxService sandboxes, SandboxDefaults defaults, Clock clock) {
        this(repository, sandboxes, defaults, clock, PreviewGrants.system(clock));
    }

    /** With {@code grants}, the preview access grants to forget when a URL is expired on demand. */
    SignedPreviews(SignedPreviewRepository repository, SandboxService sandboxes, SandboxDefaults defaults, Clock clock, PreviewGrants grants) {
        this.grants = requireNonNull(grants, "grants is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SignedPortPreviewUrl create(Caller caller, String idOrName, int port, int expiresInSeconds) {
        checkPort(port);
        if (expiresInSeconds < 1 || expiresInSeconds > MAX_EXPIRY_SECONDS) {
            throw ServiceException.badRequest("expiresInSeconds must be from 1 to %d (one day), got %d", MAX_EXPIRY_SECONDS, expiresInSeconds);
        }
        SandboxRecord sandbox = sandboxes.get(caller, idOrName);
        String token = ApiKeys.randomToken(TOKEN_LENGTH);
        Instant now = clock.instant();
        repository.insert(ApiKeys.hash(token), sandbox.id(), port, now.plusSeconds(expiresInSeconds), now);
        return new SignedPortPreviewUrl(sandbox.id(), port, token, defaults.previewUrl(port, token));
    }

    public void expire(Caller caller, String idOrName, int port, String token) {
        checkPort(port);
        SandboxRecord sandbox = sandboxes.get(caller, idOrName);
        if (!repository.delete(sandbox.id(), port, ApiKeys.hash(token))) {
            throw ServiceException.notFound("No signed preview URL with this token for port %d of sandbox %s", port, sandbox.id());
        }
        // The URL is gone from the database; a grant remembered by the proxy's access check must not outlive it.
        grants.revoked();
    }

    /** The sandbox a signed token opens on {@code port}, if the token is known, for that port and unexpired. */
    public Optional<String> sandboxFor(String token, int port) {
        return find(token, port).map(SignedPreviewRepository.StoredUrl::sandboxId);
    }

    /** The stored URL of a signed token, if the token is known, for {@code port} and unexpired. */
    Optional<SignedPreviewRepository.StoredUrl> find(String token, int port) {
        Instant now = clock.instant();
        return repository.findByHash(ApiKeys.hash(token))
                .filter(url -> url.port() == port && url.expiresAt().isAfter(now));
    }

    /** The grants the proxy's access check remembers, which {@link #expire} forgets. */
    PreviewGrants grants() {
        return grants;
    }

    static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw ServiceException.badRequest("port must be from 1 to 65535, got %d", port);
        }
    }
}
