package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void sandboxPollingStartsAt100MillisAndGrowsByTenPercentUpToOneSecond() {
        Backoff backoff = Backoff.sandboxPolling();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            millis.add(backoff.next().toMillis());
        }

        assertThat(millis.subList(0, 4)).containsExactly(100L, 110L, 121L, 133L);
        assertThat(millis).isSorted();
        assertThat(millis.getLast()).isEqualTo(1000L);
        assertThat(millis).allMatch(m -> m <= 1000L);
    }

    @Test
    void rejectsAShrinkingFactor() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(100), 0.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
