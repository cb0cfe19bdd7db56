package io.daytona.model.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a snapshot is in its life; only {@code active} snapshots can start sandboxes. */
public enum SnapshotState {
    BUILDING,
    PENDING,
    PULLING,
    PENDING_VALIDATION,
    VALIDATING,
    ACTIVE,
    INACTIVE,
    ERROR,
    BUILD_FAILED,
    REMOVING;

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SnapshotState fromWire(String value) {
        for (SnapshotState state : values()) {
            if (state.wireValue().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown snapshot state: " + value);
    }

    /** Whether the snapshot will not change state by itself any more. */
    public boolean isTerminal() {
        return this == ACTIVE || this == INACTIVE || this == ERROR || this == BUILD_FAILED;
    }
}
