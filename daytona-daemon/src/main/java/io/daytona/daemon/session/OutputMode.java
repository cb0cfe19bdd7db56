package io.daytona.daemon.session;

import java.util.Optional;

/**
 * How session output is shaped for a client, which depends on the SDK version the client sends
 * ({@code X-Daytona-SDK-Version}), as upstream decided: old or unversioned clients get plain
 * combined text; clients from 0.27 demultiplex the framed log themselves; from 0.167 (and
 * development builds) the daemon demultiplexes and answers JSON.
 */
enum OutputMode {
    /** Markers removed, stdout and stderr combined, plain text. */
    COMBINED,
    /** The framed log as is; the client demultiplexes. */
    FRAMED,
    /** stdout and stderr separated by the daemon, JSON. */
    DEMUXED;

    static OutputMode of(Optional<String> sdkVersion, boolean splitOutputRequested) {
        String version = sdkVersion.map(String::strip).orElse("");
        if (version.isEmpty()) {
            return splitOutputRequested ? FRAMED : COMBINED;
        }
        if (version.contains("dev")) {
            return DEMUXED;
        }
        int[] parsed = parse(version);
        if (parsed == null) {
            return DEMUXED;
        }
        if (compare(parsed, new int[] {0, 27, 0}) < 0) {
            return COMBINED;
        }
        return compare(parsed, new int[] {0, 167, 0}) < 0 ? FRAMED : DEMUXED;
    }

    private static int[] parse(String version) {
        String[] parts = version.replaceFirst("^v", "").split("[.-]");
        if (parts.length < 3) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
