package io.daytona.model.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The actual state of a sandbox, as the reconciler last observed it. */
public enum SandboxState {
    CREATING,
    RESTORING,
    DESTROYED,
    DESTROYING,
    STARTED,
    STOPPED,
    STARTING,
    STOPPING,
    ERROR,
    BUILD_FAILED,
    PENDING_BUILD,
    BUILDING_SNAPSHOT,
    UNKNOWN,
    PULLING_SNAPSHOT,
    ARCHIVED,
    ARCHIVING,
    RESIZING,
    SNAPSHOTTING,
    FORKING,
    PAUSING,
    PAUSED,
    RESUMING;

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire value; unknown values map to {@link #UNKNOWN} so newer servers stay readable. */
    @JsonCreator
    public static SandboxState fromWire(String value) {
        for (SandboxState state : values()) {
            if (state.wireValue().equals(value)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
