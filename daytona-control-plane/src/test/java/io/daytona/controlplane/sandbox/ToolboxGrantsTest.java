package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ToolboxGrantsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ToolboxGrants grants = new ToolboxGrants(now::get);
    private final AtomicInteger checks = new AtomicInteger();
    private final Optional<String> alice = Optional.of("Bearer dtn_alice");

    private Supplier<SandboxRecord> allowed() {
        return () -> {
            checks.incrementAndGet();
            return null;
        };
    }

    private Supplier<SandboxRecord> refused() {
        return () -> {
            checks.incrementAndGet();
            throw ServiceException.unauthorized("Invalid API key");
        };
    }

    @Test
    void aGrantIsReusedWithinItsLifetimeThenCheckedAgain() {
        grants.grant("s1", alice, allowed());
        grants.grant("s1", alice, allowed());
        assertThat(checks).hasValue(1);

        now.addAndGet(ToolboxGrants.TTL.toNanos());
        assertThatThrownBy(() -> grants.grant("s1", alice, refused())).isInstanceOf(ServiceException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void refusalsAreNeverRemembered() {
        assertThatThrownBy(() -> grants.grant("s1", alice, refused())).isInstanceOf(ServiceException.class);
        grants.grant("s1", alice, allowed());
        grants.grant("s1", alice, allowed());
        assertThat(checks).hasValue(2);
    }

    @Test
    void aGrantCoversOneSandboxAndOneKeyOnly() {
        grants.grant("s1", alice, allowed());
        grants.grant("s2", alice, allowed());
        grants.grant("s1", Optional.of("Bearer dtn_bob"), allowed());
        grants.grant("s1", Optional.empty(), allowed());
        grants.grant("s1", Optional.empty(), allowed());
        assertThat(checks).hasValue(5);
    }
}
