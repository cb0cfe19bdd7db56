package io.daytona.model.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state a caller asked a sandbox to reach; the reconciler moves the actual state towards it. */
public enum SandboxDesiredState {
    DESTROYED,
    STARTED,
    STOPPED,
    RESIZED,
    ARCHIVED,
    PAUSED;

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SandboxDesiredState fromWire(String value) {
        for (SandboxDesiredState state : values()) {
            if (state.wireValue().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown desired state: " + value);
    }
}
