package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auto-stop, auto-archive and auto-delete rules. The reconciler's periodic scan checks them against the
 * database, so they hold across restarts and no timer lives in memory. A due timer only records
 * a desired state; the reconciler then acts on it like on an API call.
 *
 * <ul>
 *   <li>Auto-stop: a sandbox started (and meant to be) with an auto-stop interval above 0, idle
 *       for at least that long, is stopped; an ephemeral one (auto-delete interval 0) is deleted.</li>
 *   <li>Auto-delete: a sandbox stopped (and meant to be) with an auto-delete interval of 0 or more,
 *       idle (continuously stopped) for at least that long, is deleted and its name freed.</li>
 *   <li>Auto-archive: a sandbox stopped (and meant to be) whose auto-delete is not due, idle
 *       (continuously stopped) for its auto-archive interval, is archived.</li>
 * </ul>
 *
 * <p>Idle means no activity since {@code lastActivityAt}: toolbox traffic through the proxy,
 * {@code POST /api/sandbox/{id}/last-activity}, and reaching the started or stopped state.
 */
final class LifecycleTimers {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleTimers.class);
    /** The shortest auto-stop interval that stops at all. */
    private static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);

    private final SandboxRepository repository;
    private final Clock clock;

    LifecycleTimers(SandboxRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * What a timer decided for one sandbox.
     *
     * @param sandbox the sandbox as the timer saw it
     * @param desired the desired state to record
     * @param idleSince the sandbox must not have been active after this for the decision to hold
     */
    record Decision(SandboxRecord sandbox, SandboxDesiredState desired, Instant idleSince) {
        Decision {
            requireNonNull(sandbox, "sandbox is null");
            requireNonNull(desired, "desired is null");
            requireNonNull(idleSince, "idleSince is null");
        }
    }

    /** The timer due for {@code sandbox} at {@code now}, if any. */
    static Optional<Decision> decide(SandboxRecord sandbox, Instant now) {
        if (sandbox.lastActivityAt() == null) {
            return Optional.empty();
        }
        // A paused sandbox holds its memory on the runner: it is stopped like a started one once idle (idle since its pause).
        if ((sandbox.isSettledIn(SandboxState.STARTED) || sandbox.isSettledIn(SandboxState.PAUSED))
                && sandbox.autoStopInterval() > 0) {
            Instant idleSince = now.minus(Duration.ofMinutes(sandbox.autoStopInterval()));
            if (!sandbox.lastActivityAt().isAfter(idleSince)) {
                return Optional.of(new Decision(sandbox,
                        sandbox.isEphemeral() ? SandboxDesiredState.DESTROYED : SandboxDesiredState.STOPPED, idleSince));
            }
        }
        if (sandbox.state() == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED
                && sandbox.autoDeleteInterval() >= 0) {
            Instant idleSince = now.minus(Duration.ofMinutes(sandbox.autoDeleteInterval()));
            if (!sandbox.lastActivityAt().isAfter(idleSince)) {
                return Optional.of(new Decision(sandbox, SandboxDesiredState.DESTROYED, idleSince));
            }
        }
        if (sandbox.state() == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED
                && sandbox.autoArchiveInterval() > 0) {
            Instant idleSince = now.minus(Duration.ofMinutes(sandbox.autoArchiveInterval()));
            if (!sandbox.lastActivityAt().isAfter(idleSince)) {
                return Optional.of(new Decision(sandbox, SandboxDesiredState.ARCHIVED, idleSince));
            }
        }
        return Optional.empty();
    }

    /**
     * Records the desired state of every sandbox whose timer is due; returns the ids of those
     * changed, for the reconciler to act on. A sandbox used or changed since it was read is left
     * alone until the next scan.
     */
    List<String> apply() {
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        List<Decision> due = Stream.concat(
                        repository.findAutoStopCandidates(now.minus(SHORTEST_INTERVAL)).stream(),
                        repository.findAutoDeleteOrArchiveCandidates(now.minus(SHORTEST_INTERVAL)).stream())
                .map(sandbox -> decide(sandbox, now))
                .flatMap(Optional::stream)
                .toList();
        for (Decision decision : due) {
            SandboxRecord sandbox = decision.sandbox();
            if (repository.applyTimer(sandbox, decision.desired(), decision.idleSince(), now)) {
                LOG.info("sandbox {} idle since {}: {} by its lifecycle timer", sandbox.id(), sandbox.lastActivityAt(),
                        switch (decision.desired()) {
                            case DESTROYED -> "deleted";
                            case ARCHIVED -> "archived";
                            default -> "stopped";
                        });
                changed.add(sandbox.id());
            }
        }
        return List.copyOf(changed);
    }
}
