package io.daytona.cli.snapshot;

import io.daytona.cli.CliContext;
import io.daytona.cli.CliException;
import io.daytona.model.registry.RegistryPushAccess;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.sdk.CreateSnapshotParams;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Resources;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona snapshot push IMAGE --name NAME}: upstream pushes a local image to the platform's
 * internal (transient) registry, then creates a snapshot of the pushed image. This platform has no
 * internal registry ({@code registry-push-access} answers 404): the command says so and names the
 * alternative, a snapshot of the local image itself, which a runner on the same host can use. A
 * server that does offer push access gets the image pushed with the local engine's CLI
 * ({@code podman}, else {@code docker}).
 */
@Command(name = "push", mixinStandardHelpOptions = true, description = "Push local snapshot (an image of the local engine).")
public final class PushSnapshotCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The local image, e.g. my-image:1.0.")
    String image;
    @Option(names = {"-n", "--name"}, required = true, description = "Specify the Snapshot name.")
    String name;
    @Option(names = {"-e", "--entrypoint"}, description = "The entrypoint command for the image (split at spaces).")
    String entrypoint;
    @Option(names = "--cpu", description = "CPU cores that will be allocated to the underlying sandboxes (default: 1).")
    Integer cpu;
    @Option(names = "--memory", description = "Memory that will be allocated to the underlying sandboxes in GB (default: 1).")
    Integer memory;
    @Option(names = "--disk", description = "Disk space that will be allocated to the underlying sandboxes in GB (default: 3).")
    Integer disk;
    @Option(names = "--region", description = "ID of the region where the snapshot will be available.")
    String region;

    public PushSnapshotCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        try (Daytona daytona = context.client()) {
            RegistryPushAccess access;
            try {
                access = daytona.snapshot().registryPushAccess();
            } catch (DaytonaNotFoundException e) {
                throw new CliException("This server has no internal registry to push images to (" + e.getMessage() + ").\n"
                        + "An image of the engine on the server's host is usable directly: "
                        + "daytona snapshot create " + name + " --image " + localName(image) + "\n"
                        + "or build it from its Dockerfile: daytona snapshot create " + name + " --dockerfile <Dockerfile>", e);
            }
            String target = access.registryUrl() + "/" + access.project() + "/" + image;
            push(image, target, access);
            CreateSnapshotParams.Builder params = CreateSnapshotParams.builder(name).image(target);
            if (cpu != null || memory != null || disk != null) {
                params.resources(new Resources(cpu, memory, disk));
            }
            if (entrypoint != null && !entrypoint.isBlank()) {
                params.entrypoint(Arrays.asList(entrypoint.strip().split("\\s+")));
            }
            if (region != null) {
                params.regionId(region);
            }
            Snapshot snapshot = daytona.snapshot().create(params.build(), spec.commandLine().getErr()::println, CreateSnapshotCommand.TIMEOUT);
            spec.commandLine().getOut().println("Snapshot " + snapshot.name() + " is " + snapshot.state().wireValue()
                    + "; create a sandbox from it: daytona sandbox create --snapshot " + snapshot.name());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** How Podman names an image given without a registry: {@code localhost/<name>}. */
    static String localName(String image) {
        String first = image.split("/", 2)[0];
        boolean hasRegistry = image.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        return hasRegistry ? image : "localhost/" + image;
    }

    private void push(String source, String target, RegistryPushAccess access) throws InterruptedException {
        String engine = io.daytona.cli.DocsCommand.onPath("podman") ? "podman" : "docker";
        List<List<String>> steps = engine.equals("podman")
                ? List.of(List.of("podman", "tag", source, target),
                        List.of("podman", "push", "--creds", access.username() + ":" + access.secret(), target))
                : List.of(List.of("docker", "tag", source, target),
                        List.of("docker", "login", "--username", access.username(), "--password-stdin", access.registryUrl()),
                        List.of("docker", "push", target));
        for (List<String> step : steps) {
            try {
                Process process = new ProcessBuilder(step).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (var stdin = process.getOutputStream()) {
                    if (step.contains("--password-stdin")) {
                        stdin.write(access.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                if (process.waitFor() != 0) {
                    throw new CliException(engine + " " + step.get(1) + " failed (exit " + process.exitValue() + ")");
                }
            } catch (IOException e) {
                throw new CliException("Cannot run " + engine + ": " + e.getMessage(), e);
            }
        }
    }
}
