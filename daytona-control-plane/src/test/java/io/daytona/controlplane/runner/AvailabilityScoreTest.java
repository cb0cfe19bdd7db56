package io.daytona.controlplane.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvailabilityScoreTest {
    @Test
    void anIdleHostScoresHighAndABusyOneLow() {
        double idle = AvailabilityScore.of(5, 10, 10, 0.1, 8, 10, 10, 10, 1);
        double busy = AvailabilityScore.of(80, 70, 70, 4, 8, 300, 300, 300, 60);
        assertThat(idle).isBetween(60.0, 100.0);
        assertThat(busy).isLessThan(idle).isBetween(0.0, 60.0);
    }

    @Test
    void passingAThresholdMakesTheScoreFallFast() {
        double below = AvailabilityScore.of(50, 74, 20, 1, 8, 50, 50, 50, 5);
        double past = AvailabilityScore.of(50, 90, 20, 1, 8, 50, 50, 50, 5);
        assertThat(past).isLessThan(below * 0.2);
        assertThat(AvailabilityScore.of(99, 20, 20, 1, 8, 50, 50, 50, 5)).isLessThan(AvailabilityScore.of(85, 20, 20, 1, 8, 50, 50, 50, 5));
        assertThat(AvailabilityScore.of(-5, -5, -5, -1, 8, -1, -1, -1, 0)).as("negative metrics count as 0").isEqualTo(
                AvailabilityScore.of(0, 0, 0, 0, 8, 0, 0, 0, 0));
    }
}
