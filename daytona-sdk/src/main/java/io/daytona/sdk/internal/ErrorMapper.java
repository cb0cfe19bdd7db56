package io.daytona.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaForbiddenException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaRateLimitException;
import io.daytona.sdk.DaytonaServerException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.DaytonaValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a failed response into the {@link DaytonaException} subclass of its status.
 *
 * <p>Error bodies come in three shapes, all tolerated: the control plane's and daemon's
 * {@code {statusCode, message, error, code?, path, timestamp}}, the daemon's {@code {"error": "..."}},
 * and an empty body. The body is read as a JSON tree rather than as
 * {@link io.daytona.model.error.ErrorResponse} because {@code message} is sometimes an array of
 * validation messages.
 */
public final class ErrorMapper {
    private static final int MAX_TEXT_LENGTH = 300;

    private ErrorMapper() {}

    /**
     * Maps a failed response.
     *
     * @param operation what was attempted, e.g. {@code get sandbox}; the message starts with
     *     {@code "Failed to <operation>: "}
     * @param status the HTTP status
     * @param headers the response's headers; empty if there was no response
     * @param body the response's body, or null
     * @param mapper the JSON mapper that parses it
     * @return the exception of the status, with the message, code and headers
     */
    public static DaytonaException fromResponse(
            String operation, int status, Map<String, List<String>> headers, byte[] body, ObjectMapper mapper) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        String reason = null;
        String code = null;
        JsonNode tree = parse(text, mapper);
        if (tree != null && tree.isObject()) {
            reason = text(tree.get("message"));
            code = firstNonNull(text(tree.get("code")), text(tree.get("error_code")), text(tree.get("error")));
            if (reason == null) {
                reason = text(tree.get("error"));
            }
        } else if (!text.isEmpty()) {
            reason = text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) + "..." : text;
        }
        if (reason == null) {
            reason = "HTTP " + status;
        }
        String message = prefix(operation) + reason;
        return switch (status) {
            case 400, 422 -> new DaytonaValidationException(message, status, code, headers, null);
            case 401 -> new DaytonaAuthenticationException(message, status, code, headers, null);
            case 403 -> new DaytonaForbiddenException(message, status, code, headers, null);
            case 404 -> new DaytonaNotFoundException(message, status, code, headers, null);
            case 408 -> new DaytonaTimeoutException(message, status, code, headers, null);
            case 409 -> new DaytonaConflictException(message, status, code, headers, null);
            case 429 -> new DaytonaRateLimitException(message, status, code, headers, null);
            default -> status >= 500 && status <= 599
                    ? new DaytonaServerException(message, status, code, headers, null)
                    : new DaytonaException(message, status, code, headers, null);
        };
    }

    /**
     * Returns the start of a failure's message, as the Python SDK words it: {@code "Failed to
     * <operation>: "}, or {@code "<operation>: "} for an operation that is a phrase of its own
     * ({@code "Failure during waiting for sandbox to start"}).
     *
     * @param operation what was attempted, e.g. {@code get sandbox}
     * @return the prefix, ending in {@code ": "}
     */
    public static String prefix(String operation) {
        return operation.startsWith("Failure ") ? operation + ": " : "Failed to " + operation + ": ";
    }

    private static JsonNode parse(String text, ObjectMapper mapper) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(element.isValueNode() ? element.asText() : element.toString()));
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        String value = node.isValueNode() ? node.asText() : node.toString();
        return value.isBlank() ? null : value;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
