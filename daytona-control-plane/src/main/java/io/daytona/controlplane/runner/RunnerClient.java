package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.sandbox.SandboxRuntimeException;
import io.daytona.model.json.Json;
import io.daytona.model.runner.ArchivedSandbox;
import io.daytona.model.runner.ImagePull;
import io.daytona.model.runner.ImageRemoval;
import io.daytona.model.runner.RunnerImage;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.OrphanRemoval;
import io.daytona.model.runner.RunnerSandboxInfo;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxClaim;
import io.daytona.model.runner.SandboxCommit;
import io.daytona.model.runner.SandboxResources;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A runner process, reached over its HTTP API (docs/runners.md): the same idempotent calls as the
 * embedded runner, as JSON requests authenticated with the call token. A runner's refusal keeps
 * its message; {@code 410 Gone} means the sandbox's files are lost (not recoverable), any other
 * failure (the runner down, a timeout) is recoverable.
 */
public final class RunnerClient implements SandboxRuntime, AutoCloseable {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final Duration SHORT = Duration.ofSeconds(30);
    /** A start waits for the daemon (up to a minute on a loaded host) after creating the container. */
    private static final Duration START = Duration.ofMinutes(5);
    /** Archive and restore move a sandbox's whole writable layer. */
    private static final Duration TRANSFER = Duration.ofHours(1);

    private final RunnerFleet.RemoteRunner runner;
    private final URI base;
    private final HttpClient http;

    public RunnerClient(RunnerFleet.RemoteRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
        String url = runner.apiUrl();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Override
    public String runnerId() {
        return runner.id();
    }

    @Override
    public boolean hasImage(String image) {
        try {
            return call("GET", "snapshots/exists?image=" + encode(image), null, SHORT).path("exists").asBoolean(false);
        } catch (SandboxRuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public StartedSandbox ensureStarted(SandboxSpec spec) throws SandboxRuntimeException {
        return JSON.convertValue(call("POST", "sandboxes", spec, START), StartedSandbox.class);
    }

    @Override
    public void ensureStopped(String sandboxId, boolean force) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/stop" + (force ? "?force=true" : ""), null, START);
    }

    @Override
    public void ensureDestroyed(String sandboxId) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/destroy", null, START);
    }

    @Override
    public Instant ensureArchived(String sandboxId) throws SandboxRuntimeException {
        return JSON.convertValue(call("POST", sandbox(sandboxId) + "/archive", null, TRANSFER), ArchivedSandbox.class).createdAt();
    }

    @Override
    public StartedSandbox ensureRestored(SandboxSpec spec) throws SandboxRuntimeException {
        return JSON.convertValue(call("POST", sandbox(spec.sandboxId()) + "/restore", spec, TRANSFER), StartedSandbox.class);
    }

    @Override
    public void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) throws SandboxRuntimeException {
        call("POST", sandbox(spec.sandboxId()) + "/claim", new SandboxClaim(spec, poolCpu, poolMemoryGiB), SHORT);
    }

    @Override
    public void commit(String sandboxId, String image) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/commit", new SandboxCommit(image), TRANSFER);
    }

    @Override
    public void ensurePaused(String sandboxId) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/pause", null, SHORT);
    }

    @Override
    public void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws SandboxRuntimeException {
        call("POST", sandbox(sourceId) + "/fork", new io.daytona.model.runner.SandboxFork(fork, sourcePaused), TRANSFER);
    }

    @Override
    public Instant ensureBackedUp(String sandboxId, boolean paused) throws SandboxRuntimeException {
        return JSON.convertValue(call("POST", sandbox(sandboxId) + "/backup" + (paused ? "?paused=true" : ""), null, TRANSFER),
                ArchivedSandbox.class).createdAt();
    }

    @Override
    public void ensureResources(String sandboxId, int cpu, int memoryGiB) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/resize", new SandboxResources(cpu, memoryGiB), SHORT);
    }

    @Override
    public Optional<String> exitDescription(String sandboxId) {
        try {
            RunnerSandboxInfo info = JSON.convertValue(call("GET", sandbox(sandboxId), null, SHORT), RunnerSandboxInfo.class);
            return Optional.ofNullable(info.exitDescription());
        } catch (SandboxRuntimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, RunnerSandboxState> observe() throws SandboxRuntimeException {
        return JSON.convertValue(call("GET", "sandboxes", null, SHORT), new TypeReference<Map<String, RunnerSandboxState>>() {});
    }

    /** Sends only the runner's sandboxes that {@code known} lacks; the runner removes those older than its grace period. */
    @Override
    public List<String> removeOrphans(Set<String> known) throws SandboxRuntimeException {
        List<String> unknown = observe().keySet().stream().filter(id -> !known.contains(id)).sorted().toList();
        if (unknown.isEmpty()) {
            return List.of();
        }
        return JSON.convertValue(call("POST", "sandboxes/remove-orphans", new OrphanRemoval(unknown), SHORT),
                new TypeReference<List<String>>() {});
    }

    @Override
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws SandboxRuntimeException {
        call("POST", sandbox(sandboxId) + "/network-settings", policy, SHORT);
    }

    /** The runner's engine's image, if it has it. */
    public Optional<RunnerImage> inspectImage(String image) throws SandboxRuntimeException {
        try {
            return Optional.of(JSON.convertValue(call("GET", "snapshots/inspect?image=" + encode(image), null, SHORT), RunnerImage.class));
        } catch (SandboxRuntimeException e) {
            if (e.getMessage().contains("is not on this runner")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Pulls an image on the runner, passing its progress lines to {@code log}. */
    public void pullImage(ImagePull pull, java.util.function.Consumer<String> log) throws SandboxRuntimeException {
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(HttpRequest.newBuilder(base.resolve("snapshots/pull"))
                            .timeout(TRANSFER)
                            .header("Authorization", "Bearer " + runner.callToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(pull)))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new SandboxRuntimeException("Runner %s could not be reached at %s: %s".formatted(runner.name(), runner.apiUrl(),
                    e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRuntimeException("interrupted while pulling on runner " + runner.name(), true, e);
        }
        if (response.statusCode() != 200) {
            String body = response.body().collect(java.util.stream.Collectors.joining("\n"));
            throw new SandboxRuntimeException("Runner %s refused the pull (HTTP %d): %s".formatted(runner.name(), response.statusCode(),
                    parse(body.getBytes(StandardCharsets.UTF_8)).path("message").asText(body)), true, null);
        }
        String[] last = {""};
        try (var lines = response.body()) {
            lines.forEach(line -> {
                last[0] = line;
                if (!line.equals("DONE") && !line.startsWith("ERROR: ")) {
                    log.accept(line);
                }
            });
        }
        if (!last[0].equals("DONE")) {
            throw new SandboxRuntimeException(last[0].startsWith("ERROR: ") ? last[0].substring(7)
                    : "the pull on runner " + runner.name() + " ended early", true, null);
        }
    }

    public void removeImage(String image) throws SandboxRuntimeException {
        call("POST", "snapshots/remove", new ImageRemoval(image), SHORT);
    }

    private static String sandbox(String sandboxId) {
        return "sandboxes/" + encode(sandboxId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, Object body, Duration timeout) throws SandboxRuntimeException {
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + runner.callToken())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SandboxRuntimeException("Runner %s could not be reached at %s: %s".formatted(runner.name(), runner.apiUrl(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRuntimeException("interrupted while calling runner " + runner.name(), true, e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return answer;
        }
        String message = answer.path("message").asText("");
        if (message.isBlank()) {
            message = "Runner %s answered HTTP %d to %s %s".formatted(runner.name(), response.statusCode(), method, path);
        }
        throw new SandboxRuntimeException(message, response.statusCode() != 410, null);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
