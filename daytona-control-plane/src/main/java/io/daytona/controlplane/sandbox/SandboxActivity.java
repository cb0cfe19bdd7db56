package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records that sandboxes are in use, which defers their auto-stop. Traffic (every toolbox or
 * preview request through the proxy) is coalesced in memory: a sandbox's last activity is written
 * at most once per {@link #COALESCE_WINDOW}, so busy sandboxes cost the database almost nothing and
 * the stored time is at most that much behind. An explicit refresh is always written.
 */
public final class SandboxActivity {
    static final Duration COALESCE_WINDOW = Duration.ofSeconds(5);
    /** Beyond this many remembered sandboxes, those not written within the window are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final SandboxRepository repository;
    private final Clock clock;
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    public SandboxActivity(SandboxRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Traffic reached the sandbox: written unless it was written less than the window ago. */
    public void recordTraffic(String sandboxId) {
        Instant now = clock.instant();
        boolean[] due = {false};
        lastWritten.compute(sandboxId, (id, last) -> {
            if (last != null && now.isBefore(last.plus(COALESCE_WINDOW))) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (due[0]) {
            repository.recordActivity(sandboxId, now);
        }
        if (lastWritten.size() > PRUNE_ABOVE) {
            lastWritten.values().removeIf(written -> !now.isBefore(written.plus(COALESCE_WINDOW)));
        }
    }

    /** The caller asked to keep the sandbox alive: written at once. */
    public void refresh(String sandboxId) {
        Instant now = clock.instant();
        repository.recordActivity(sandboxId, now);
        lastWritten.put(sandboxId, now);
    }
}
