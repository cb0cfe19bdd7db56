package io.daytona.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one JSON configuration used on both sides of the wire.
 *
 * <p>Unknown properties are ignored because the official SDKs and newer servers add fields;
 * dates are ISO-8601 strings, as the reference contract requires, with at most microseconds:
 * the Python SDK's pydantic models reject a date-time with more than six fraction digits in some
 * pydantic 2 releases (pydantic issue 6512), and PostgreSQL keeps microseconds, so a value read back equals the one first returned.
 */
public final class Json {
    private Json() {}

    /** Returns a new mapper configured for the Daytona wire format. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("daytona-instants").addSerializer(Instant.class, new MicrosecondInstantSerializer()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** {@code 2025-01-02T03:04:05.123456Z}: ISO-8601 in UTC, truncated to microseconds. */
    private static final class MicrosecondInstantSerializer extends StdSerializer<Instant> {
        private MicrosecondInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.MICROS)));
        }
    }
}
