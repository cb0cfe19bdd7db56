package io.daytona.daemon.files;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats instants as the Go daemon does, since {@code FileInfo} carries both of its renderings:
 * {@code time.Time.String()} ({@code 2025-01-02 03:04:05.5 +0000 UTC}) and the RFC 3339 form
 * {@code encoding/json} writes ({@code 2025-01-02T03:04:05.5Z}). Both drop trailing zeros of the
 * fraction and the fraction itself when it is zero.
 */
final class GoTime {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter NUMERIC_OFFSET = DateTimeFormatter.ofPattern("xx", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_OFFSET = DateTimeFormatter.ofPattern("XXX", Locale.ROOT);

    private GoTime() {}

    /** Go's {@code time.Time.String()} without the monotonic clock reading, which file times never have. */
    static String string(Instant instant, ZoneId zone) {
        ZonedDateTime time = instant.atZone(zone);
        return DATE_TIME.format(time) + fraction(time.getNano()) + " " + NUMERIC_OFFSET.format(time) + " " + zoneName(time);
    }

    /** Go's {@code time.RFC3339Nano}, the format {@code encoding/json} uses for {@code time.Time}. */
    static String rfc3339Nano(Instant instant, ZoneId zone) {
        ZonedDateTime time = instant.atZone(zone);
        return RFC3339_DATE_TIME.format(time) + fraction(time.getNano()) + RFC3339_OFFSET.format(time);
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        String digits = "%09d".formatted(nanos);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    private static String zoneName(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        // Go names its default zone "UTC" where Java may say "GMT" or "Z" for the same zero offset.
        if (zone instanceof ZoneOffset || zone.getId().equals("GMT") || zone.getId().equals("Etc/UTC") || zone.getId().equals("UTC")) {
            return time.getOffset().getTotalSeconds() == 0 ? "UTC" : NUMERIC_OFFSET.format(time);
        }
        // English names are the tz database abbreviations Go prints (CET, EST), where the root locale gives GMT+01:00.
        return DateTimeFormatter.ofPattern("zzz", Locale.US).format(time);
    }
}
