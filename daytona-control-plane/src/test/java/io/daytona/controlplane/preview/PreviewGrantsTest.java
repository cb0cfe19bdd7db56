package io.daytona.controlplane.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PreviewGrantsTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final PreviewGrants grants = new PreviewGrants(nanos::get, clock);
    private final AtomicInteger checks = new AtomicInteger();
    private final Optional<String> none = Optional.empty();

    private Supplier<PreviewGrants.Decision> allowed(Optional<Instant> expiresAt) {
        return () -> {
            checks.incrementAndGet();
            return new PreviewGrants.Decision(null, expiresAt);
        };
    }

    private Supplier<PreviewGrants.Decision> refused() {
        return () -> {
            checks.incrementAndGet();
            throw ServiceException.unauthorized("This preview is private");
        };
    }

    @Test
    void aGrantIsReusedWithinItsLifetimeThenCheckedAgain() {
        grants.grant("sandbox", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        grants.grant("sandbox", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        assertThat(checks).hasValue(1);

        nanos.addAndGet(PreviewGrants.TTL.toNanos());
        assertThatThrownBy(() -> grants.grant("sandbox", 3000, none, Optional.of("token"), refused())).isInstanceOf(ServiceException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void refusalsAreNeverRemembered() {
        assertThatThrownBy(() -> grants.grant("sandbox", 3000, none, none, refused())).isInstanceOf(ServiceException.class);
        grants.grant("sandbox", 3000, none, none, allowed(Optional.empty()));
        grants.grant("sandbox", 3000, none, none, allowed(Optional.empty()));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aGrantCoversOneHostPortAndCredentialOnly() {
        grants.grant("sandbox", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        grants.grant("sandbox", 3001, none, Optional.of("token"), allowed(Optional.empty()));
        grants.grant("other", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        grants.grant("sandbox", 3000, none, Optional.of("wrong"), allowed(Optional.empty()));
        grants.grant("sandbox", 3000, Optional.of("Bearer key"), none, allowed(Optional.empty()));
        grants.grant("sandbox", 3000, none, none, allowed(Optional.empty()));
        assertThat(checks).hasValue(6);
    }

    @Test
    void aSignedUrlsGrantEndsWhenTheUrlExpires() {
        Instant expiresAt = clock.instant().plusMillis(300);
        grants.grant("signedtoken", 3000, none, none, allowed(Optional.of(expiresAt)));
        millis.addAndGet(299);
        grants.grant("signedtoken", 3000, none, none, allowed(Optional.of(expiresAt)));
        assertThat(checks).hasValue(1);
        millis.addAndGet(1);
        assertThatThrownBy(() -> grants.grant("signedtoken", 3000, none, none, refused())).isInstanceOf(ServiceException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRevocationForgetsEveryGrantAtOnce() {
        grants.grant("signedtoken", 3000, none, none, allowed(Optional.empty()));
        grants.grant("sandbox", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        grants.revoked();
        assertThatThrownBy(() -> grants.grant("signedtoken", 3000, none, none, refused())).isInstanceOf(ServiceException.class);
        grants.grant("sandbox", 3000, none, Optional.of("token"), allowed(Optional.empty()));
        assertThat(checks).hasValue(4);
    }

    @Test
    void aGrantCheckedWhileARevocationHappenedIsNotTrusted() {
        grants.grant("signedtoken", 3000, none, none, () -> {
            checks.incrementAndGet();
            // the database was read before the URL was expired, which happens now
            grants.revoked();
            return new PreviewGrants.Decision(null, Optional.empty());
        });
        assertThatThrownBy(() -> grants.grant("signedtoken", 3000, none, none, refused())).isInstanceOf(ServiceException.class);
        assertThat(checks).hasValue(2);
    }
}
