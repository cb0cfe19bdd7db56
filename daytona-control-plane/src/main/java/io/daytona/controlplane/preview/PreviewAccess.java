package io.daytona.controlplane.preview;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxAccess;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxViews;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.util.Optional;

/**
 * Decides whether a preview request may reach a sandbox port. The host's label is
 * {@code {port}-{sandboxId}} (then the sandbox's rules apply: public, preview token or an
 * organization key, never the first two for the web terminal) or {@code {port}-{signed token}}
 * (the token is the authorization, for the web terminal too since only members sign URLs).
 */
public final class PreviewAccess {
    private final SandboxAccess sandboxAccess;
    private final SignedPreviews signedPreviews;
    private final SandboxRepository sandboxes;
    private final PreviewGrants grants;

    public PreviewAccess(SandboxAccess sandboxAccess, SignedPreviews signedPreviews, SandboxRepository sandboxes) {
        this.sandboxAccess = requireNonNull(sandboxAccess, "sandboxAccess is null");
        this.signedPreviews = requireNonNull(signedPreviews, "signedPreviews is null");
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.grants = signedPreviews.grants();
    }

    /**
     * Returns the sandbox if the request may open the port now. A grant is remembered briefly
     * ({@link PreviewGrants}): the returned record may be up to {@link PreviewGrants#TTL} old, so
     * callers must not rely on its state (the runner says whether the sandbox runs).
     *
     * @param sandboxIdOrToken what the host names: a sandbox id or a signed token
     * @throws ServiceException 401 (not allowed, expired), 404 (no such sandbox) or 409 (not running)
     */
    public SandboxRecord authorize(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
        return grants.grant(sandboxIdOrToken, port, authorization, previewToken, () -> check(sandboxIdOrToken, port, authorization, previewToken));
    }

    /**
     * Like {@link #authorize}, but asks the database now, for a request whose remembered grant
     * met a sandbox the runner does not run: the answer says why (e.g. 409 with the state).
     */
    public SandboxRecord authorizeNow(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
        return check(sandboxIdOrToken, port, authorization, previewToken).sandbox();
    }

    private PreviewGrants.Decision check(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
        if (!isSignedToken(sandboxIdOrToken)) {
            return new PreviewGrants.Decision(sandboxAccess.authorizePreview(sandboxIdOrToken, port, authorization, previewToken), Optional.empty());
        }
        SignedPreviewRepository.StoredUrl url = signedPreviews.find(sandboxIdOrToken, port).orElseThrow(() -> ServiceException.unauthorized(
                "This signed preview URL has expired or was revoked; ask for a new one with GET /api/sandbox/{id}/ports/%d/signed-preview-url", port));
        String sandboxId = url.sandboxId();
        // A signed URL opens only its own port and only a member's key can sign one, so a signed
        // URL for the web terminal (22222) is a member's grant, the one way a browser can open it.
        SandboxRecord sandbox = sandboxes.findById(sandboxId)
                .filter(s -> s.desiredState() != SandboxDesiredState.DESTROYED)
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s not found", sandboxId));
        if (sandbox.state() != SandboxState.STARTED) {
            throw new ServiceException(ErrorCode.CONFLICT, "Sandbox %s is not running (state: %s); start it to open its previews"
                    .formatted(sandboxId, SandboxViews.shownState(sandbox).wireValue()));
        }
        return new PreviewGrants.Decision(sandbox, Optional.of(url.expiresAt()));
    }

    /** Sandbox ids are UUIDs (with hyphens); signed tokens are letters and digits only. */
    static boolean isSignedToken(String label) {
        return label.length() == SignedPreviews.TOKEN_LENGTH && label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
}
