package io.daytona.controlplane.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do in its organization; spelled on the wire as {@code write:sandboxes}. */
public enum Permission {
    WRITE_REGISTRIES,
    DELETE_REGISTRIES,
    WRITE_SNAPSHOTS,
    DELETE_SNAPSHOTS,
    WRITE_SANDBOXES,
    DELETE_SANDBOXES,
    READ_VOLUMES,
    WRITE_VOLUMES,
    DELETE_VOLUMES,
    WRITE_REGIONS,
    DELETE_REGIONS,
    READ_RUNNERS,
    WRITE_RUNNERS,
    DELETE_RUNNERS,
    READ_AUDIT_LOGS;

    public String wireValue() {
        String name = name().toLowerCase(Locale.ROOT);
        int split = name.indexOf('_');
        return name.substring(0, split) + ":" + name.substring(split + 1);
    }

    public static Optional<Permission> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireValue().equals(value)).findFirst();
    }
}
