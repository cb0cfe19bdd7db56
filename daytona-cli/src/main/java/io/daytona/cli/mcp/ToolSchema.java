package io.daytona.cli.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a tool's input schema (JSON Schema of an object) property by property. */
final class ToolSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    ToolSchema string(String name, String description) {
        return property(name, Map.of("type", "string", "description", description));
    }

    ToolSchema string(String name, String description, String defaultValue) {
        return property(name, Map.of("type", "string", "description", description, "default", defaultValue));
    }

    /** A whole number, which agents send as a number or a string (the upstream server declares strings). */
    ToolSchema integer(String name, String description) {
        return property(name, Map.of("type", List.of("integer", "string"), "description", description));
    }

    ToolSchema integer(String name, String description, String defaultValue) {
        return property(name, Map.of("type", List.of("integer", "string"), "description", description, "default", defaultValue));
    }

    ToolSchema bool(String name, String description) {
        return property(name, Map.of("type", "boolean", "description", description));
    }

    ToolSchema object(String name, String description) {
        return property(name, Map.of("type", "object", "description", description, "additionalProperties", Map.of("type", "string")));
    }

    ToolSchema any(String name, String description, Map<String, Object> schema) {
        Map<String, Object> property = new LinkedHashMap<>(schema);
        property.put("description", description);
        return property(name, property);
    }

    ToolSchema required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        return schema;
    }

    private ToolSchema property(String name, Map<String, Object> schema) {
        properties.put(name, schema);
        return this;
    }
}
