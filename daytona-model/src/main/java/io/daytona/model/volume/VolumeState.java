package io.daytona.model.volume;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a volume is in its life: created, usable ({@code ready}), being deleted, gone, or failed. */
public enum VolumeState {
    CREATING,
    READY,
    PENDING_CREATE,
    PENDING_DELETE,
    DELETING,
    DELETED,
    ERROR;

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static VolumeState fromWire(String value) {
        for (VolumeState state : values()) {
            if (state.wireValue().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown volume state: " + value);
    }
}
