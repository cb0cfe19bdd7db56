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
import java.io.IOException;
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

    private final DockerClient docker;
    private final Path socket;

    private ContainerEngine(DockerClient docker, Path socket) {
        this.docker = docker;
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
        return new ContainerEngine(DockerClientImpl.getInstance(config, http), socket);
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
     */
    public record ContainerSummary(String name, Map<String, String> labels, boolean running, java.time.Instant created) {}

    /** Every container carrying all the given labels, in one engine call. */
    public List<ContainerSummary> containersLabelled(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(c -> new ContainerSummary(c.getNames()[0].replaceFirst("^/", ""),
                        c.getLabels() == null ? Map.of() : c.getLabels(),
                        "running".equalsIgnoreCase(c.getState()),
                        java.time.Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated())))
                .toList();
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

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
