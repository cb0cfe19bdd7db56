package io.daytona.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.daytona.model.json.Json;
import java.io.PrintWriter;

/** Writes the API's objects as JSON or YAML, the field names and values of the wire format. */
public final class Printer {
    private static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // With minimized quotes a string "1" would read back as a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private Printer() {}

    /** {@return {@code value} as text in {@code format}, ending with a newline} */
    public static String format(Object value, OutputFormat format) {
        try {
            return switch (format) {
                case json -> JSON.writeValueAsString(value) + "\n";
                // Through the wire format first, so dates and names come out as in JSON.
                case yaml -> YAML.writeValueAsString(JSON.readValue(JSON.writeValueAsString(value), Object.class));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as " + format, e);
        }
    }

    public static void print(PrintWriter out, Object value, OutputFormat format) {
        out.print(format(value, format));
        out.flush();
    }
}
