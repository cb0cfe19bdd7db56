package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.model.snapshot.SnapshotState;
import io.daytona.model.storage.StorageAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build contexts go to an S3-compatible store as the official SDKs put them there: a signed
 * {@code ListObjectsV2} of the organization's prefix, then, unless the context is there already,
 * a signed {@code PUT} of an uncompressed tar at {@code {org}/{hash}/context.tar}.
 */
class ObjectStorageTest {
    private static final String BUCKET = "/s3/daytona";

    @TempDir
    Path temp;

    private FakeServer server;
    private final List<String> stored = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        // The store lists a prefix as holding something once a PUT went there.
        server.on("GET", BUCKET, request -> {
            String prefix = request.query().get("prefix");
            boolean present = stored.stream().anyMatch(key -> key.startsWith(prefix));
            return new FakeServer.Response(200, ("<ListBucketResult>" + (present ? "<Contents><Key>" + prefix + "context.tar</Key></Contents>" : "")
                    + "</ListBucketResult>").getBytes(StandardCharsets.UTF_8), "application/xml");
        });
        server.onPrefix("PUT", BUCKET + "/", request -> {
            stored.add(request.path().substring(BUCKET.length() + 1));
            return new FakeServer.Response(200, "");
        });
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void uploadsATarOfTheContextOnceAndSignsEveryRequest() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("app/sub"));
        Files.writeString(dir.resolve("b.txt"), "bee");
        Files.writeString(temp.resolve("app/a.txt"), "ay");
        try (ObjectStorage storage = new ObjectStorage(server.baseUrl() + "/s3", "AK", "SECRET", "TOKEN", "daytona")) {
            String hash = storage.upload(temp.resolve("app"), "org-1");
            assertThat(hash).matches("[0-9a-f]{32}");
            assertThat(storage.upload(temp.resolve("app"), "org-1")).as("the same content, the same hash").isEqualTo(hash);
            assertThat(storage.upload(temp.resolve("app"), "org-1", "elsewhere")).as("the archive path is hashed").isNotEqualTo(hash);
            assertThat(storage.bucketName()).isEqualTo("daytona");
        }

        List<FakeServer.Request> puts = server.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).as("an identical context is not uploaded again").hasSize(2);
        String archive = ObjectStorage.computeArchiveBasePath(temp.resolve("app").toAbsolutePath());
        FakeServer.Request put = puts.getFirst();
        assertThat(put.path()).matches(BUCKET + "/org-1/[0-9a-f]{32}/context.tar");
        assertThat(tarEntries(put.bodyBytes())).containsExactly(
                Map.entry(archive + "/", ""), Map.entry(archive + "/a.txt", "ay"),
                Map.entry(archive + "/sub/", ""), Map.entry(archive + "/sub/b.txt", "bee"));
        for (FakeServer.Request request : server.requests()) {
            assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AK/").contains("/us-east-1/s3/aws4_request");
            assertThat(request.header("X-Amz-Security-Token")).isEqualTo("TOKEN");
        }
        try (ObjectStorage storage = new ObjectStorage(server.baseUrl() + "/s3", "AK", "SECRET", null, null)) {
            assertThat(storage.bucketName()).isEqualTo(ObjectStorage.DEFAULT_BUCKET);
            assertThatThrownBy(() -> storage.upload(temp.resolve("missing"), "org-1"))
                    .isInstanceOf(DaytonaException.class).hasMessageContaining("path does not exist");
        }
    }

    /** A snapshot of a declarative image: its contexts uploaded with the push-access credentials, then a build request naming them. */
    @Test
    void aSnapshotOfAnImageUploadsItsContextsAndSendsTheirHashesWithTheParameters() throws Exception {
        Path file = Files.writeString(temp.resolve("app.py"), "print('hi')\n");
        server.on("GET", "/api/object-storage/push-access", request -> ok(new StorageAccess("AK", "SECRET", "TOKEN",
                server.baseUrl() + "/s3", "org-1", "daytona")));
        server.on("POST", "/api/snapshots", request -> ok(snapshot(SnapshotState.ACTIVE)));
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build())) {
            Image image = Image.base("python:3.12-slim").addLocalFile(file, "/app/");
            List<String> logs = new CopyOnWriteArrayList<>();

            Snapshot created = daytona.snapshot().create(CreateSnapshotParams.builder("snap")
                    .image(image)
                    .resources(Resources.builder().cpu(2).memory(4).disk(8).build())
                    .entrypoint(List.of("sleep", "infinity"))
                    .regionId("us")
                    .build(), logs::add, java.time.Duration.ofMinutes(1));

            assertThat(created.state()).isEqualTo(SnapshotState.ACTIVE);
            JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/api/snapshots").getFirst().body());
            String put = server.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow().path();
            String hash = put.split("/")[4];
            assertThat(body.path("name").asText()).isEqualTo("snap");
            assertThat(body.path("buildInfo").path("dockerfileContent").asText())
                    .isEqualTo("FROM python:3.12-slim\nCOPY " + ObjectStorage.computeArchiveBasePath(file.toAbsolutePath()) + " /app/app.py\n");
            assertThat(body.path("buildInfo").path("contextHashes").get(0).asText()).isEqualTo(hash);
            assertThat(body.path("cpu").asInt()).isEqualTo(2);
            assertThat(body.path("memory").asInt()).isEqualTo(4);
            assertThat(body.path("disk").asInt()).isEqualTo(8);
            assertThat(body.path("entrypoint").toString()).isEqualTo("[\"sleep\",\"infinity\"]");
            assertThat(body.path("regionId").asText()).isEqualTo("us");
            assertThat(body.has("imageName")).isFalse();
            assertThat(logs.getLast()).isEqualTo("Created snapshot snap (active)");
            assertThat(daytona.snapshot().processImageContext(Image.base("x:1"))).as("no contexts, no credentials asked").isEmpty();
            assertThat(server.requests("GET", "/api/object-storage/push-access")).hasSize(1);
        }
        assertThatThrownBy(() -> CreateSnapshotParams.builder("x").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedBuildFailsWithThePythonSdksPrefixAndTheReason() {
        server.on("POST", "/api/snapshots", request -> ok(snapshot(SnapshotState.BUILD_FAILED)));
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build())) {
            assertThatThrownBy(() -> daytona.snapshot().create("snap", "python:3.12-slim"))
                    .isInstanceOf(DaytonaException.class)
                    .hasMessage("Failed to create snapshot: snapshot snap ended in state build_failed: exit code 3");
        }
    }

    private static Snapshot snapshot(SnapshotState state) {
        return new Snapshot("sn-1", "org-1", false, "snap", null, state, null, List.of(), 2, 0, null, 4, 8,
                state == SnapshotState.BUILD_FAILED ? "exit code 3" : null, null, null, null, null, List.of(), null, null, null);
    }

    /** Reads a ustar archive: entry name to content. */
    private static Map<String, String> tarEntries(byte[] tar) {
        Map<String, String> entries = new LinkedHashMap<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            String name = new String(tar, offset, 100, StandardCharsets.UTF_8).replaceAll("\0.*", "");
            long size = Long.parseLong(new String(tar, offset + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            entries.put(name, new String(tar, offset + 512, (int) size, StandardCharsets.UTF_8));
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        return entries;
    }
}
