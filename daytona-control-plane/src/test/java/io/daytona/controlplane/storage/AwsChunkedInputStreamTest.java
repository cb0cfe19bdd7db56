package io.daytona.controlplane.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {
    @Test
    void decodesSignedAndUnsignedChunksWithTrailers() throws IOException {
        String body = "5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAA==\r\n\r\n";
        assertThat(decode(body)).isEqualTo("hello world");
        assertThat(decode("0\r\n\r\n")).isEmpty();
    }

    @Test
    void refusesTruncatedBodies() {
        assertThatThrownBy(() -> decode("5\r\nhel")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("zz\r\n")).hasMessageContaining("malformed");
    }

    private static String decode(String body) throws IOException {
        try (var in = new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
