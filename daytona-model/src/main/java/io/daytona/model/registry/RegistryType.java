package io.daytona.model.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a docker registry serves; organizations create {@code organization} registries. */
public enum RegistryType {
    INTERNAL,
    ORGANIZATION,
    TRANSIENT,
    BACKUP;

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RegistryType fromWire(String value) {
        for (RegistryType type : values()) {
            if (type.wireValue().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown registry type: " + value);
    }
}
