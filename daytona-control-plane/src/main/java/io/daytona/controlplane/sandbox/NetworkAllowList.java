package io.daytona.controlplane.sandbox;

import io.daytona.http.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sandbox's network allow-list: at most five IPv4 CIDRs, comma-separated on the wire. */
final class NetworkAllowList {
    static final int MAX_ENTRIES = 5;
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

    private NetworkAllowList() {}

    /** The entries, normalized to {@code a.b.c.d/n}; a bare address means {@code /32}. */
    static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (!entry.isEmpty()) {
                entries.add(normalize(entry));
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            throw ServiceException.badRequest("networkAllowList may hold at most %d CIDRs, got %d", MAX_ENTRIES, entries.size());
        }
        return List.copyOf(entries);
    }

    private static String normalize(String entry) {
        Matcher matcher = CIDR.matcher(entry);
        if (!matcher.matches()) {
            throw invalid(entry);
        }
        for (int group = 1; group <= 4; group++) {
            if (Integer.parseInt(matcher.group(group)) > 255) {
                throw invalid(entry);
            }
        }
        int prefix = matcher.group(5) == null ? 32 : Integer.parseInt(matcher.group(5));
        if (prefix > 32) {
            throw invalid(entry);
        }
        return "%s.%s.%s.%s/%d".formatted(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), prefix);
    }

    private static ServiceException invalid(String entry) {
        return ServiceException.badRequest("networkAllowList entry '%s' is not an IPv4 CIDR such as 192.168.1.0/24", entry);
    }
}
