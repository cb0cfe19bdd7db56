package io.daytona.runner.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.runner.RunnerCapacity;
import io.daytona.model.runner.RunnerHealthcheck;
import io.daytona.runner.engine.ContainerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMetricsTest {
    @TempDir
    Path data;

    /** An engine with two running containers and one stopped; pings answer after {@code silentPings} misses. */
    private static final class FakeEngine implements HostMetrics.Engine {
        final AtomicInteger pings = new AtomicInteger();
        volatile int silentPings;
        volatile boolean imageListingFails;

        @Override
        public boolean ping() {
            return pings.incrementAndGet() > silentPings;
        }

        @Override
        public List<ContainerEngine.ContainerSummary> containers(String runnerId) {
            return List.of(new ContainerEngine.ContainerSummary("a", Map.of(), true, Instant.EPOCH),
                    new ContainerEngine.ContainerSummary("b", Map.of(), true, Instant.EPOCH),
                    new ContainerEngine.ContainerSummary("c", Map.of(), false, Instant.EPOCH));
        }

        @Override
        public Optional<double[]> limits(String container) {
            return container.equals("b") ? Optional.empty() : Optional.of(new double[] {2, 4});
        }

        @Override
        public int imageCount() {
            if (imageListingFails) {
                throw new IllegalStateException("Status 500: image not known");
            }
            return 7;
        }
    }

    @Test
    void reportsWhatTheRunningContainersWereGivenTheHostAndTheDeclaredCapacity() {
        FakeEngine engine = new FakeEngine();
        RunnerHealthcheck health = new HostMetrics(engine, "r", data, Optional.of(new RunnerCapacity(4, 8, 50)), Duration.ZERO)
                .measure("http://runner:3003", "1.0");
        assertThat(health.healthy()).isTrue();
        assertThat(health.metrics().currentStartedSandboxes()).isEqualTo(2);
        assertThat(health.metrics().currentAllocatedCpu()).isEqualTo(2);
        assertThat(health.metrics().currentAllocatedMemoryGiB()).isEqualTo(4);
        assertThat(health.metrics().currentSnapshotCount()).isEqualTo(7);
        assertThat(health.metrics().cpu()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(health.metrics().memoryGiB()).isPositive();
        assertThat(health.metrics().diskGiB()).isPositive();
        assertThat(health.apiUrl()).isEqualTo("http://runner:3003");
        assertThat(health.capacity()).isEqualTo(new RunnerCapacity(4, 8, 50));
    }

    /** Podman's image listing fails while another client removes an image: that kept every sandbox away from the runner. */
    @Test
    void aFailingImageListingOrAMissedPingDoesNotMakeTheRunnerUnhealthy() {
        FakeEngine engine = new FakeEngine();
        HostMetrics metrics = new HostMetrics(engine, "r", data, Optional.empty(), Duration.ZERO);
        assertThat(metrics.measure(null, "1.0").metrics().currentSnapshotCount()).isEqualTo(7);
        engine.imageListingFails = true;
        engine.silentPings = engine.pings.get() + 2;
        RunnerHealthcheck health = metrics.measure(null, "1.0");
        assertThat(health.healthy()).isTrue();
        assertThat(health.metrics().currentSnapshotCount()).as("the last count stands").isEqualTo(7);
    }

    @Test
    void anEngineThatDoesNotAnswerIsUnhealthy() {
        FakeEngine engine = new FakeEngine();
        engine.silentPings = Integer.MAX_VALUE;
        RunnerHealthcheck health = new HostMetrics(engine, "r", data, Optional.empty(), Duration.ZERO).measure(null, "1.0");
        assertThat(health.healthy()).isFalse();
        assertThat(health.serviceHealth().getFirst().errorReason()).contains("does not answer");
    }
}
