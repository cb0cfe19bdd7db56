package io.daytona.daemon.process;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.toolbox.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the charts out of a code run's output. The capture wrapper prints each chart as one line
 * {@code dtn_artifact_k39fd2:{"type": "chart", "value": {...}}}; the caller gets the output
 * without those lines and the charts apart.
 */
final class ChartArtifacts {
    static final String PREFIX = "dtn_artifact_k39fd2:";
    private static final Logger LOG = LoggerFactory.getLogger(ChartArtifacts.class);

    private final ObjectMapper mapper;

    ChartArtifacts(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /**
     * Output split from its charts.
     *
     * @param output the output without artifact lines
     * @param charts the charts, in the order they were shown
     */
    record Extracted(String output, List<Chart> charts) {
        Extracted {
            requireNonNull(output, "output is null");
            charts = List.copyOf(charts);
        }
    }

    Extracted extract(String output) {
        int marker = output.indexOf(PREFIX);
        if (marker < 0) {
            return new Extracted(output, List.of());
        }
        StringBuilder kept = new StringBuilder(output.length());
        List<Chart> charts = new ArrayList<>();
        int start = 0;
        while (start < output.length()) {
            int newline = output.indexOf('\n', start);
            int end = newline < 0 ? output.length() : newline + 1;
            if (marker < 0 || marker >= end) {
                kept.append(output, start, end);
            } else {
                // Text printed without a newline before show() shares the artifact's line: it stays output.
                kept.append(output, start, marker);
                parse(output.substring(marker + PREFIX.length(), end).strip()).ifPresent(charts::add);
                marker = output.indexOf(PREFIX, end);
            }
            start = end;
        }
        return new Extracted(kept.toString(), charts);
    }

    private Optional<Chart> parse(String json) {
        try {
            JsonNode artifact = mapper.readTree(json);
            if (artifact == null || !"chart".equals(artifact.path("type").asText()) || !artifact.path("value").isObject()) {
                return Optional.empty();
            }
            return Optional.of(mapper.treeToValue(artifact.get("value"), Chart.class));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("dropping an unreadable chart artifact ({} characters): {}", json.length(), e.getMessage());
            return Optional.empty();
        }
    }
}
