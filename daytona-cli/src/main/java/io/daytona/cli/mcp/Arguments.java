package io.daytona.cli.mcp;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call's arguments. Agents send numbers as numbers or strings (the upstream server declares
 * its intervals as strings), and booleans as booleans or {@code "true"}: both are taken; anything
 * else is refused with a message naming the parameter.
 */
final class Arguments {
    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    Optional<String> string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = value.toString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        throw new IllegalArgumentException(name + " must be a string, got " + value);
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    Optional<Integer> integer(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Optional.of(number.intValue());
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
            }
        }
        throw new IllegalArgumentException(name + " must be a whole number, got " + value);
    }

    Optional<Boolean> bool(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw new IllegalArgumentException(name + " must be true or false, got " + value);
    }

    Optional<Object> raw(String name) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(name, "name is null")));
    }
}
