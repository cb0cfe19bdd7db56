package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
    @TempDir
    Path temp;

    @Test
    void writesPartsInOrderWithTheirHeadersAndTheClosingDelimiter() throws Exception {
        Path local = Files.writeString(temp.resolve("b.txt"), "from disk");
        MultipartBody body = new MultipartBody("XYZ")
                .text("files[0].path", "/tmp/ä.txt")
                .file("files[0].file", "/tmp/ä.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .text("files[1].path", "b.txt")
                .file("files[1].file", "b.txt", local);

        String written = new String(publish(body.publisher()), StandardCharsets.UTF_8);

        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=XYZ");
        assertThat(written).isEqualTo("--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"files[0].path\"\r\n\r\n"
                + "/tmp/ä.txt\r\n"
                + "--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"files[0].file\"; filename=\"/tmp/ä.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "hello\r\n"
                + "--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"files[1].path\"\r\n\r\n"
                + "b.txt\r\n"
                + "--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"files[1].file\"; filename=\"b.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "from disk\r\n"
                + "--XYZ--\r\n");
    }

    @Test
    void hasALengthWhenEveryPartHasOneAndNoneWithAStream() throws Exception {
        Path local = Files.write(temp.resolve("big.bin"), new byte[100_000]);
        MultipartBody known = new MultipartBody("B").text("a", "1").file("f", "f", local);
        MultipartBody streamed = new MultipartBody("B").text("a", "1")
                .file("f", "f", () -> new ByteArrayInputStream(new byte[10]));

        assertThat(known.publisher().contentLength()).isEqualTo(publish(known.publisher()).length).isGreaterThan(100_000);
        assertThat(streamed.publisher().contentLength()).isEqualTo(-1);
        assertThat(publish(streamed.publisher())).hasSize(publish(new MultipartBody("B").text("a", "1")
                .file("f", "f", new byte[10]).publisher()).length);
    }

    @Test
    void roundTripsThroughTheReaderWithBinaryContent() throws Exception {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        MultipartBody body = new MultipartBody().text("name", "value").file("data", "x.bin", binary);

        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(publish(body.publisher())), body.boundary());
        MultipartReader.Part first = reader.next().orElseThrow();
        assertThat(first.name()).isEqualTo("name");
        assertThat(new String(first.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("value");
        MultipartReader.Part second = reader.next().orElseThrow();
        assertThat(second.name()).isEqualTo("data");
        assertThat(second.fileName()).isEqualTo("x.bin");
        assertThat(second.body().readAllBytes()).isEqualTo(binary);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void escapesQuotesAndLineBreaksInNames() {
        assertThat(MultipartBody.escape("a\"b\r\nc")).isEqualTo("a%22b%0D%0Ac");
    }

    @Test
    void refusesAMissingFileAnEmptyBodyAndABadBoundary() {
        assertThatThrownBy(() -> new MultipartBody().file("f", "f", temp.resolve("missing")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> new MultipartBody().publisher()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MultipartBody("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MultipartBody().boundary()).isNotEqualTo(new MultipartBody().boundary());
    }

    /** Collects what a publisher emits, as the HTTP client would. */
    static byte[] publish(HttpRequest.BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<Throwable> errors = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                errors.add(throwable);
                done.complete(null);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        assertThat(errors).isEmpty();
        return out.toByteArray();
    }
}
