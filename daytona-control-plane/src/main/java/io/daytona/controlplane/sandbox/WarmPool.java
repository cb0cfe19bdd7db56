package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Started sandboxes of the default snapshot, with the default user and resources, waiting to be
 * claimed by a create with default parameters: a claim hands one to the caller's organization
 * and applies its environment, labels, limits and network rules, instead of starting a container.
 * Pool sandboxes are ordinary rows without an organization; the reconciler starts them and its
 * scan tops the pool up, so a restart loses nothing.
 */
public final class WarmPool {
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    private final SandboxRepository repository;
    private final SandboxDefaults defaults;
    private final int size;
    private final Clock clock;
    private final Fleet fleet;

    public WarmPool(SandboxRepository repository, SandboxDefaults defaults, int size, Clock clock) {
        this(repository, defaults, size, clock, null);
    }

    /** A pool that adds sandboxes only while a runner of the default region has room for them ({@code fleet} null: always). */
    public WarmPool(SandboxRepository repository, SandboxDefaults defaults, int size, Clock clock, Fleet fleet) {
        this.fleet = fleet;
        this.repository = requireNonNull(repository, "repository is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (size < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + size);
        }
        this.size = size;
    }

    /**
     * Whether a create can be served from the pool: default snapshot, user and disk, no volumes or
     * build, no GPU. (A started sandbox's disk cannot change size: it grows only while stopped.)
     */
    boolean canServe(CreateSandbox request, String snapshot) {
        return size > 0
                && snapshot.equals(defaults.defaultSnapshot())
                && (request.disk() == null || request.disk() == SandboxDefaults.DEFAULT_DISK)
                && (request.user() == null || request.user().equals(SandboxDefaults.DEFAULT_USER))
                && (request.volumes() == null || request.volumes().isEmpty())
                && request.buildInfo() == null
                && (request.gpu() == null || request.gpu() == 0);
    }

    /**
     * Adds pool sandboxes until the pool has its size again, and removes failed ones; returns the
     * ids the reconciler should act on.
     */
    List<String> refill() {
        if (size == 0) {
            return List.of();
        }
        List<String> changed = new ArrayList<>(repository.destroyFailedPoolSandboxes(clock.instant()));
        int missing = size - repository.countPool();
        if (missing > 0 && fleet != null && !fleet.hasRoom(defaults.defaultRegion(), SandboxDefaults.DEFAULT_CPU,
                SandboxDefaults.DEFAULT_MEMORY, SandboxDefaults.DEFAULT_DISK)) {
            // No runner can take one now; sandboxes of users come first, and a pool sandbox would only fail.
            return changed;
        }
        for (int i = 0; i < missing; i++) {
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            repository.insert(new SandboxRecord(id, null, id, defaults.defaultSnapshot(), SandboxDefaults.DEFAULT_USER,
                    Map.of(), Map.of(), false, false, null, defaults.defaultRegion(),
                    SandboxDefaults.DEFAULT_CPU, 0, SandboxDefaults.DEFAULT_MEMORY, SandboxDefaults.DEFAULT_DISK,
                    SandboxState.UNKNOWN, SandboxDesiredState.STARTED, null, false,
                    0, defaults.maxAutoArchiveInterval(), -1, null, null, ApiKeys.randomToken(32), now, now, now, false));
            changed.add(id);
        }
        if (missing > 0) {
            LOG.debug("warm pool: starting {} sandbox(es)", missing);
        }
        return changed;
    }
}
