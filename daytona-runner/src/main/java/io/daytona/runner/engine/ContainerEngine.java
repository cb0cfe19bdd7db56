package io.daytona.runner.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker Engine API, as far as the runner needs it. Served by Podman on hosts without Docker;
 * kept small so that another engine (Kubernetes) can stand behind the same runner later.
 */
public final class ContainerEngine implements AutoCloseable {
    /** The API version both Docker and Podman 4 serve. */
    public static final String API_VERSION = "1.41";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final Path socket;

    private ContainerEngine(DockerClient docker, DockerHttpClient http, Path socket) {
        this.docker = docker;
        this.http = http;
        this.socket = socket;
    }

    public static ContainerEngine connect(Path socket) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket)
                .withApiVersion(API_VERSION)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(10))
                .build();
        return new ContainerEngine(DockerClientImpl.getInstance(config, http), http, socket);
    }

    public boolean ping() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The image's configured entrypoint followed by its command, or nothing if the image is missing. */
    public Optional<List<String>> imageCommand(String image) {
        try {
            ContainerConfig config = docker.inspectImageCmd(image).exec().getConfig();
            List<String> command = new ArrayList<>();
            if (config != null && config.getEntrypoint() != null) {
                command.addAll(List.of(config.getEntrypoint()));
            }
            if (config != null && config.getCmd() != null) {
                command.addAll(List.of(config.getCmd()));
            }
            return Optional.of(command);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The id of an image, if the engine has it. */
    public Optional<String> imageId(String image) {
        try {
            return Optional.ofNullable(docker.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Container settings for {@link #create}. */
    public record ContainerSpec(
            String name,
            String image,
            String user,
            List<String> entrypoint,
            Map<String, String> env,
            Map<String, String> labels,
            HostConfig hostConfig) {}

    public void create(ContainerSpec spec) {
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withHostName(hostName(spec.name()))
                .withUser(spec.user())
                .withEntrypoint(spec.entrypoint())
                .withCmd(List.of())
                .withEnv(env)
                .withLabels(spec.labels())
                .withHostConfig(spec.hostConfig())
                .exec();
    }

    /**
     * What a container made on its own root filesystem needs of its image: the image's layers
     * (the overlay's lower directories, topmost first) and the settings Podman applies only to
     * containers it makes from an image.
     *
     * @param imageId the image's id
     * @param layers the layers' directories on the host, topmost first
     * @param env the image's environment ({@code NAME=value})
     * @param workingDir the image's working directory, {@code /} when it sets none
     */
    public record ImageFilesystem(String imageId, List<Path> layers, List<String> env, String workingDir) {
        public ImageFilesystem {
            layers = List.copyOf(layers);
            env = List.copyOf(env);
        }
    }

    /**
     * The layers and settings of an image, or nothing if the engine does not have it. Read from
     * the engine's inspect document (docker-java does not map the overlay directories).
     */
    public Optional<ImageFilesystem> imageFilesystem(String image) throws IOException {
        Optional<JsonNode> inspect = rawJson("GET", "/v" + API_VERSION + "/images/" + image + "/json", null);
        if (inspect.isEmpty()) {
            return Optional.empty();
        }
        JsonNode driver = inspect.get().path("GraphDriver");
        String upper = driver.path("Data").path("UpperDir").asText("");
        if (!driver.path("Name").asText().startsWith("overlay") || upper.isBlank()) {
            throw new IOException("image " + image + " is stored by the '" + driver.path("Name").asText()
                    + "' storage driver; sandboxes with a disk limit need the overlay driver, whose layers are plain directories");
        }
        List<Path> layers = new ArrayList<>();
        layers.add(shortLayerPath(Path.of(upper)));
        for (String lower : driver.path("Data").path("LowerDir").asText("").split(":")) {
            if (!lower.isBlank()) {
                layers.add(shortLayerPath(Path.of(lower)));
            }
        }
        JsonNode config = inspect.get().path("Config");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        String workingDir = config.path("WorkingDir").asText("");
        return Optional.of(new ImageFilesystem(inspect.get().path("Id").asText(), layers, env, workingDir.isBlank() ? "/" : workingDir));
    }

    /**
     * The overlay driver keeps a short symbolic link to every layer ({@code overlay/l/<id>}, named
     * in the layer's {@code link} file) because the kernel takes at most one page of mount options;
     * a deep image's lower directories only fit that way.
     */
    private static Path shortLayerPath(Path diff) {
        Path link = diff.getParent().resolve("link");
        try {
            String name = java.nio.file.Files.readString(link).strip();
            Path shortPath = diff.getParent().getParent().resolve("l").resolve(name);
            return java.nio.file.Files.isDirectory(shortPath) ? shortPath : diff;
        } catch (IOException e) {
            return diff;
        }
    }

    /**
     * How a container on its own root filesystem is made.
     *
     * @param rootfs its root directory on the host, prepared by the runner
     * @param workingDir where its processes start
     * @param ociRuntime the OCI runtime, a name or a path; the engine's default when empty
     */
    public record RootfsOptions(Path rootfs, String workingDir, Optional<String> ociRuntime) {}

    /**
     * Creates a container whose root filesystem is a directory the runner prepared, through
     * Podman's own API ({@code /libpod/containers/create} with {@code rootfs}): Docker's API
     * only makes containers from images.
     */
    public void createOnRootfs(ContainerSpec spec, RootfsOptions options) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode create = LibpodSpec.of(spec, options.rootfs(), options.workingDir(), options.ociRuntime());
        if (options.ociRuntime().filter(runtime -> runtime.startsWith("/")).isPresent()) {
            createWithCommandLine(spec.name(), LibpodSpec.commandLine(create));
            return;
        }
        String body = JSON.writeValueAsString(create);
        try (DockerHttpClient.Response response = http.execute(request("POST", "/v4.0.0/libpod/containers/create", body))) {
            if (response.getStatusCode() / 100 != 2) {
                String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("the engine refused to create container " + spec.name() + " (HTTP " + response.getStatusCode() + "): "
                        + JSON.readTree(text).path("message").asText(text));
            }
        }
    }

    /**
     * {@code podman create} on the command line (the same storage as the engine's service, which
     * then starts the container as any other). Podman 4's REST API drops a container's own OCI
     * runtime; only the command line's {@code --runtime} sets it.
     */
    private static void createWithCommandLine(String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("podman"));
        // --runtime is a global option: it goes before the subcommand.
        int runtime = arguments.indexOf("--runtime");
        if (runtime >= 0) {
            command.addAll(arguments.subList(runtime, runtime + 2));
        }
        command.add("create");
        for (int i = 0; i < arguments.size(); i++) {
            if (i == runtime || i == runtime + 1) {
                continue;
            }
            command.add(arguments.get(i));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("podman create of container " + name + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating container " + name, e);
        }
    }

    /**
     * Creates (never starts) a container of {@code image} whose only purpose is to exist: the
     * engine refuses to remove an image a container uses. Does nothing if it exists.
     */
    public void createPlaceholder(String name, String image, Map<String, String> labels) {
        createPlaceholder(name, image, List.of("/bin/true"), labels);
    }

    /** A never-started container of {@code image} with the given entrypoint (which a commit of it records). */
    public void createPlaceholder(String name, String image, List<String> entrypoint, Map<String, String> labels) {
        try {
            docker.createContainerCmd(image)
                    .withName(name)
                    .withEntrypoint(entrypoint)
                    .withCmd(List.of())
                    .withLabels(labels)
                    .withNetworkDisabled(true)
                    .exec();
        } catch (com.github.dockerjava.api.exception.ConflictException alreadyThere) {
            // made by an earlier call
        } catch (DockerException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already in use")) {
                throw e;
            }
        }
    }

    /** Freezes every process of a running container (for a consistent copy of its files). */
    public void pause(String name) {
        docker.pauseContainerCmd(name).exec();
    }

    public void unpause(String name) {
        docker.unpauseContainerCmd(name).exec();
    }

    public void start(String name) {
        try {
            docker.startContainerCmd(name).exec();
        } catch (NotModifiedException alreadyRunning) {
            // starting a running container is what the caller wanted
        }
    }

    public void stop(String name, Duration grace) {
        try {
            docker.stopContainerCmd(name).withTimeout((int) grace.toSeconds()).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // nothing to stop
        }
    }

    public void remove(String name) {
        try {
            docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        } catch (DockerException e) {
            if (!isNoSuchContainer(e)) {
                throw e;
            }
        }
    }

    public Optional<InspectContainerResponse> inspect(String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            if (isNoSuchContainer(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Podman answers 500 "no such container", not 404, for a container being removed. */
    public static boolean isNoSuchContainer(DockerException e) {
        return e.getHttpStatus() == 500 && e.getMessage() != null && e.getMessage().contains("no such container");
    }

    /** The last lines a container wrote, to explain why it failed. */
    public String tail(String name, int lines) {
        StringBuilder out = new StringBuilder();
        try (ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }) {
            docker.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(lines).exec(callback);
            callback.awaitCompletion(5, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /**
     * A container as a listing shows it.
     *
     * @param name the container's name
     * @param labels its labels
     * @param running whether it runs
     * @param created when it was created
     * @param paused whether its processes are frozen (the listing does not call a paused container running)
     */
    public record ContainerSummary(String name, Map<String, String> labels, boolean running, java.time.Instant created, boolean paused) {
        /** A container that is not paused. */
        public ContainerSummary(String name, Map<String, String> labels, boolean running, java.time.Instant created) {
            this(name, labels, running, created, false);
        }
    }

    /** Every container carrying all the given labels, in one engine call. */
    public List<ContainerSummary> containersLabelled(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(c -> new ContainerSummary(c.getNames()[0].replaceFirst("^/", ""),
                        c.getLabels() == null ? Map.of() : c.getLabels(),
                        "running".equalsIgnoreCase(c.getState()),
                        java.time.Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated()),
                        "paused".equalsIgnoreCase(c.getState())))
                .toList();
    }

    /**
     * Where the container's writable layer lives on the host and which image it was made from.
     *
     * @param upperDir the overlay upper directory: every file the sandbox wrote, whiteouts for
     *     the files it deleted
     * @param imageId the id of the image below it
     */
    public record WritableLayer(Path upperDir, String imageId) {}

    /**
     * The container's writable layer, read from the engine's own inspect document (docker-java
     * does not map the overlay directories). Empty if the container does not exist.
     */
    public Optional<WritableLayer> writableLayer(String name) throws IOException {
        Optional<JsonNode> inspect = rawJson("GET", "/v" + API_VERSION + "/containers/" + name + "/json", null);
        if (inspect.isEmpty()) {
            return Optional.empty();
        }
        JsonNode driver = inspect.get().path("GraphDriver");
        String upper = driver.path("Data").path("UpperDir").asText("");
        if (!"overlay".equals(driver.path("Name").asText()) && !"overlay2".equals(driver.path("Name").asText()) || upper.isBlank()) {
            throw new IOException("container " + name + " uses the storage driver '" + driver.path("Name").asText()
                    + "'; archiving needs the overlay driver, whose writable layer is a plain directory");
        }
        return Optional.of(new WritableLayer(Path.of(upper), inspect.get().path("Image").asText()));
    }

    /**
     * Changes the CPU quota and memory limit of a running container's cgroup. Docker serves
     * {@code /containers/{id}/update}; Podman 4 only its own {@code /libpod/.../update}, whose
     * changes last until the container stops, so the runner applies limits again at every start.
     */
    public void updateLimits(String name, long cpuQuota, long cpuPeriod, long memoryBytes) throws IOException {
        String libpod = JSON.writeValueAsString(java.util.Map.of(
                "cpu", java.util.Map.of("quota", cpuQuota, "period", cpuPeriod),
                "memory", java.util.Map.of("limit", memoryBytes, "swap", memoryBytes)));
        int status = rawStatus("POST", "/v4.0.0/libpod/containers/" + name + "/update", libpod);
        if (status == 404) {
            String docker = JSON.writeValueAsString(java.util.Map.of(
                    "CpuQuota", cpuQuota, "CpuPeriod", cpuPeriod, "Memory", memoryBytes, "MemorySwap", memoryBytes));
            status = rawStatus("POST", "/v" + API_VERSION + "/containers/" + name + "/update", docker);
        }
        if (status / 100 != 2) {
            throw new IOException("the engine refused to change the limits of container " + name + " (HTTP " + status + ")");
        }
    }

    /** The cgroup of a running container, e.g. {@code /libpod_parent/libpod-<id>} (Podman's {@code State.CgroupPath}). */
    public Optional<String> cgroupPath(String name) throws IOException {
        return rawJson("GET", "/v4.0.0/libpod/containers/" + name + "/json", null)
                .filter(inspect -> inspect.path("State").path("Running").asBoolean())
                .map(inspect -> inspect.path("State").path("CgroupPath").asText(""))
                .filter(path -> !path.isBlank());
    }

    private int rawStatus(String method, String path, String body) throws IOException {
        try (DockerHttpClient.Response response = http.execute(request(method, path, body))) {
            if (response.getStatusCode() / 100 != 2 && response.getStatusCode() != 404) {
                String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("engine answered HTTP " + response.getStatusCode() + " to " + method + " " + path + ": " + text);
            }
            return response.getStatusCode();
        }
    }

    private Optional<JsonNode> rawJson(String method, String path, String body) throws IOException {
        try (DockerHttpClient.Response response = http.execute(request(method, path, body));
             InputStream in = response.getBody()) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() / 100 != 2) {
                if (response.getStatusCode() == 500 && text.contains("no such container")) {
                    return Optional.empty();
                }
                throw new IOException("engine answered HTTP " + response.getStatusCode() + " to " + method + " " + path + ": " + text);
            }
            return Optional.of(JSON.readTree(text));
        }
    }

    private static DockerHttpClient.Request request(String method, String path, String body) {
        DockerHttpClient.Request.Builder builder = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.valueOf(method))
                .path(path);
        if (body != null) {
            builder.putHeader("Content-Type", "application/json").bodyBytes(body.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** The engine's API socket, for the calls docker-java cannot make (an exec whose stdin can be closed). */
    public Path socket() {
        return socket;
    }

    /**
     * Prepares a process in a running container, run as the container's user, with stdin, stdout
     * and stderr attached; {@link io.daytona.runner.attach.ExecAttachment} starts it.
     */
    public String createExec(String name, List<String> command, boolean tty, List<String> env) {
        return docker.execCreateCmd(name)
                .withCmd(command.toArray(String[]::new))
                .withTty(tty)
                .withEnv(env)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
    }

    public void resizeExec(String execId, int columns, int rows) {
        docker.resizeExecCmd(execId).withSize(rows, columns).exec();
    }

    /**
     * The state of an exec: its exit code once it has ended, and its host pid while it runs.
     *
     * @param running whether the process still runs
     * @param exitCode its exit code once ended
     * @param pid its process id on the host while it runs (0 when unknown)
     */
    public record ExecState(boolean running, int exitCode, long pid) {}

    public ExecState inspectExec(String execId) {
        var exec = docker.inspectExecCmd(execId).exec();
        return new ExecState(Boolean.TRUE.equals(exec.isRunning()),
                exec.getExitCodeLong() == null ? -1 : exec.getExitCodeLong().intValue(),
                exec.getPidLong() == null ? 0 : exec.getPidLong());
    }

    private static String hostName(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * An image as the engine stores it.
     *
     * @param sizeBytes its size on disk
     * @param command its entrypoint followed by its command
     */
    public record ImageDetails(long sizeBytes, List<String> command) {}

    /** How many images the engine holds (the runner's snapshot cache). */
    public int imageCount() {
        return docker.listImagesCmd().exec().size();
    }

    public Optional<ImageDetails> inspectImage(String image) {
        try {
            var response = docker.inspectImageCmd(image).exec();
            List<String> command = new ArrayList<>();
            ContainerConfig config = response.getConfig();
            if (config != null && config.getEntrypoint() != null) {
                command.addAll(List.of(config.getEntrypoint()));
            }
            if (config != null && config.getCmd() != null) {
                command.addAll(List.of(config.getCmd()));
            }
            return Optional.of(new ImageDetails(response.getSize() == null ? 0 : response.getSize(), command));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Pulls an image, passing each progress line to {@code log}; fails with the engine's reason. */
    public void pull(String image, java.util.function.Consumer<String> log, Duration timeout) throws InterruptedException {
        pull(image, Optional.empty(), log, timeout);
    }

    /** Pulls an image with the registry login in {@code auth}, when given (sent as the engine's X-Registry-Auth). */
    public void pull(String image, Optional<com.github.dockerjava.api.model.AuthConfig> auth, java.util.function.Consumer<String> log,
                     Duration timeout) throws InterruptedException {
        var failure = new java.util.concurrent.atomic.AtomicReference<String>();
        var command = docker.pullImageCmd(image);
        auth.ifPresent(command::withAuthConfig);
        var callback = command.exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.PullResponseItem>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.PullResponseItem item) {
                if (item.getStatus() != null) {
                    log.accept(item.getStatus() + (item.getProgress() == null ? "" : " " + item.getProgress()));
                }
                // The engine reports a failed pull inside the stream, with a 200 status.
                String error = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
                if (error != null) {
                    log.accept(error);
                    failure.set(error);
                }
            }
        });
        if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new com.github.dockerjava.api.exception.DockerClientException("pulling " + image + " took longer than " + timeout);
        }
        if (failure.get() != null) {
            throw new com.github.dockerjava.api.exception.DockerClientException(failure.get());
        }
    }

    /**
     * Builds {@code directory} (the context, holding {@code dockerfile}) into an image tagged
     * {@code tag}, passing each line of the build's output to {@code log} as it comes.
     */
    public String build(Path directory, Path dockerfile, String tag, java.util.function.Consumer<String> log) {
        return docker.buildImageCmd()
                .withBaseDirectory(directory.toFile())
                .withDockerfile(dockerfile.toFile())
                .withTags(java.util.Set.of(tag))
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.BuildResponseItem item) {
                        if (item.getStream() != null) {
                            item.getStream().lines().forEach(log);
                        }
                        if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                            log.accept(item.getErrorDetail().getMessage());
                        }
                        super.onNext(item);
                    }
                })
                .awaitImageId();
    }

    /**
     * Commits a container's filesystem to an image named {@code repository:tag}, pausing it
     * meanwhile so that the files are consistent; returns the image id.
     */
    public String commit(String name, String repository, String tag) {
        return commit(name, repository, tag, true);
    }

    /** Commits without pausing when {@code pause} is false (a container that never ran has nothing to pause). */
    public String commit(String name, String repository, String tag, boolean pause) {
        return docker.commitCmd(name).withRepository(repository).withTag(tag).withPause(pause).exec();
    }

    public void removeImage(String image) {
        try {
            docker.removeImageCmd(image).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
