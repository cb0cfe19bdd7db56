package io.daytona.runner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.runner.RunnerTokens;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerAuthorizationTest {
    private static final String KEY = RunnerTokens.KEY_PREFIX + "1".repeat(64);
    private final RunnerAuthorization authorization = new RunnerAuthorization(KEY);

    @Test
    void theKeyAndTheCallTokenDerivedFromItAreAcceptedInEitherHeader() {
        assertThat(authorization.allows(Optional.of("Bearer " + KEY), Optional.empty())).isTrue();
        assertThat(authorization.allows(Optional.empty(), Optional.of("Bearer " + RunnerTokens.callToken(KEY)))).isTrue();
        assertThat(authorization.allows(Optional.of("bearer " + RunnerTokens.callToken(KEY)), Optional.empty())).isTrue();
        assertThat(authorization.allows(Optional.of("Bearer dtn_caller-api-key"), Optional.of("Bearer " + RunnerTokens.callToken(KEY))))
                .as("the proxy's header wins over the caller's").isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(authorization.allows(Optional.empty(), Optional.empty())).isFalse();
        assertThat(authorization.allows(Optional.of(KEY), Optional.empty())).as("no Bearer").isFalse();
        assertThat(authorization.allows(Optional.of("Bearer " + KEY + "x"), Optional.empty())).isFalse();
        assertThat(authorization.allows(Optional.of("Bearer " + RunnerTokens.callToken(KEY + "x")), Optional.empty())).isFalse();
        assertThat(RunnerTokens.callToken(KEY)).isNotEqualTo(KEY).startsWith("dtc_").isEqualTo(RunnerTokens.callToken(KEY));
    }
}
