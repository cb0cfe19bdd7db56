package io.daytona.model.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body and the answer of {@code PUT /api/sandbox/{id}/labels}: the sandbox's whole set of
 * labels, which replaces the previous one. {@code labels} is null only in a request that left it
 * out, which the server rejects.
 */
public record SandboxLabels(Map<String, String> labels) {
    public SandboxLabels {
        // Not Map.copyOf: a null value must reach validation and be refused with a message, not fail here.
        labels = labels == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
