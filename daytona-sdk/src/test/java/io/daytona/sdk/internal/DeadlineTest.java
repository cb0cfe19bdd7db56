package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void zeroMeansNoDeadline() {
        Deadline deadline = Deadline.after(Duration.ZERO);

        assertThat(deadline.isExpired()).isFalse();
        assertThat(deadline.requestTimeout()).isEmpty();
    }

    @Test
    void expiresAfterTheTimeout() throws InterruptedException {
        Deadline deadline = Deadline.after(Duration.ofMillis(20));
        assertThat(deadline.requestTimeout()).hasValueSatisfying(t -> assertThat(t).isPositive());

        Thread.sleep(40);

        assertThat(deadline.isExpired()).isTrue();
        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.requestTimeout()).contains(Duration.ofMillis(1));
    }

    @Test
    void rejectsANegativeTimeout() {
        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWholeSecondsAndMillis() {
        assertThat(Deadline.format(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(Deadline.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
