package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    private static final Instant PRECISE = Instant.parse("2025-01-02T03:04:05.123456789Z");

    @Test
    void formatsLikeGoTimeStringAndRfc3339Nano() {
        assertThat(GoTime.string(PRECISE, ZoneId.of("Etc/UTC"))).isEqualTo("2025-01-02 03:04:05.123456789 +0000 UTC");
        assertThat(GoTime.rfc3339Nano(PRECISE, ZoneId.of("Etc/UTC"))).isEqualTo("2025-01-02T03:04:05.123456789Z");
    }

    @Test
    void dropsTrailingZerosOfTheFractionAndAZeroFraction() {
        Instant half = Instant.parse("2025-01-02T03:04:05.500Z");
        Instant whole = Instant.parse("2025-01-02T03:04:05Z");
        assertThat(GoTime.string(half, ZoneOffset.UTC)).isEqualTo("2025-01-02 03:04:05.5 +0000 UTC");
        assertThat(GoTime.rfc3339Nano(half, ZoneOffset.UTC)).isEqualTo("2025-01-02T03:04:05.5Z");
        assertThat(GoTime.string(whole, ZoneId.of("GMT"))).isEqualTo("2025-01-02 03:04:05 +0000 UTC");
        assertThat(GoTime.rfc3339Nano(whole, ZoneId.of("GMT"))).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void usesTheLocalZoneWithItsAbbreviationAndOffset() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(GoTime.string(PRECISE, berlin)).isEqualTo("2025-01-02 04:04:05.123456789 +0100 CET");
        assertThat(GoTime.rfc3339Nano(PRECISE, berlin)).isEqualTo("2025-01-02T04:04:05.123456789+01:00");
        assertThat(GoTime.string(PRECISE, ZoneOffset.ofHours(-3))).isEqualTo("2025-01-02 00:04:05.123456789 -0300 -0300");
    }
}
