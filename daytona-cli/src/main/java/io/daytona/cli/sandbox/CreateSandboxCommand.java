package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Image;
import io.daytona.sdk.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daytona sandbox create}: every flag of the upstream CLI. Resources are whole units as
 * the API takes them: CPU cores, memory and disk in GB (GiB); the upstream help text says MB for
 * {@code --memory} but its CLI sends the number unchanged to the API, which reads GiB.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new sandbox.")
public final class CreateSandboxCommand implements Callable<Integer> {
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", description = "Name of the sandbox.")
    String name;
    @Option(names = "--snapshot", description = "Snapshot to use for the sandbox.")
    String snapshot;
    @Option(names = "--user", description = "User associated with the sandbox.")
    String user;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment variables (format: KEY=VALUE; repeatable).")
    List<String> env = new ArrayList<>();
    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Labels (format: KEY=VALUE; repeatable).")
    List<String> labels = new ArrayList<>();
    @Option(names = "--public", description = "Make sandbox publicly accessible.")
    boolean isPublic;
    @Option(names = "--class", description = "Sandbox class type: ${COMPLETION-CANDIDATES} (shorthand for --cpu/--memory/--disk).")
    SandboxClass sandboxClass;
    @Option(names = "--target", description = "Target region (e.g. eu, us).")
    String target;
    @Option(names = "--cpu", description = "CPU cores allocated to the sandbox.")
    Integer cpu;
    @Option(names = "--gpu", description = "GPU units allocated to the sandbox.")
    Integer gpu;
    @Option(names = "--memory", description = "Memory allocated to the sandbox in GB.")
    Integer memory;
    @Option(names = "--disk", description = "Disk space allocated to the sandbox in GB.")
    Integer disk;
    @Option(names = "--auto-stop", description = "Auto-stop interval in minutes (0 means disabled; default 15).")
    Integer autoStop;
    @Option(names = "--auto-archive", description = "Auto-archive interval in minutes (0 means the maximum interval will be used; default 10080).")
    Integer autoArchive;
    @Option(names = "--auto-delete", description = "Auto-delete interval in minutes (negative value means disabled, 0 means delete immediately upon stopping; default -1).")
    Integer autoDelete;
    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME:MOUNT_PATH", description = "Volumes to mount (format: VOLUME_NAME:MOUNT_PATH, a volume ID works too; repeatable).")
    List<String> volumes = new ArrayList<>();
    @Option(names = {"-f", "--dockerfile"}, description = "Path to Dockerfile for Sandbox snapshot (built on the fly).")
    Path dockerfile;
    @Option(names = {"-c", "--context"}, description = "Files or directories to include in the build context (repeatable; default: the sources of the Dockerfile's COPY/ADD lines).")
    List<Path> contexts = new ArrayList<>();
    @Option(names = "--network-block-all", description = "Whether to block all network access for the sandbox.")
    boolean networkBlockAll;
    @Option(names = "--network-allow-list", description = "Comma-separated list of allowed CIDR network addresses for the sandbox.")
    String networkAllowList;

    public CreateSandboxCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        CommandLine command = spec.commandLine();
        if (dockerfile != null && snapshot != null) {
            throw new ParameterException(command, "--snapshot and --dockerfile exclude each other: a sandbox is made from one or the other");
        }
        if (!contexts.isEmpty() && dockerfile == null) {
            throw new ParameterException(command, "--context needs --dockerfile: it adds files to the Dockerfile's build context");
        }
        Map<String, String> variables = KeyValues.parse(command, "--env", env);
        Map<String, String> labelValues = KeyValues.parse(command, "--label", labels);
        List<Mount> mounts = mounts(command);
        try (Daytona daytona = context.client()) {
            CreateSandbox params = params(variables, labelValues, resolve(daytona, mounts));
            Sandbox sandbox = dockerfile == null
                    ? daytona.create(params, START_TIMEOUT)
                    : daytona.create(Image.fromDockerfile(dockerfile, contexts), params, line -> {
                        command.getErr().println(line);
                        command.getErr().flush();
                    }, BUILD_TIMEOUT);
            var out = command.getOut();
            out.println("Sandbox " + sandbox.getName() + " created (ID " + sandbox.getId() + ", state " + sandbox.getState().wireValue() + ")");
            out.println("Run a command: daytona sandbox exec " + sandbox.getId() + " -- <command>");
            out.flush();
        }
        return 0;
    }

    /** A {@code --volume} as given: a volume's name (or ID) and where to mount it. */
    record Mount(String volume, String mountPath) {}

    /** The request the flags describe, with the volumes already resolved to IDs. */
    CreateSandbox params(Map<String, String> variables, Map<String, String> labelValues, List<SandboxVolume> sandboxVolumes) {
        CreateSandbox.Builder builder = CreateSandbox.builder();
        if (name != null) builder.name(name);
        if (snapshot != null) builder.snapshot(snapshot);
        if (user != null) builder.user(user);
        if (!variables.isEmpty()) builder.env(variables);
        if (!labelValues.isEmpty()) builder.labels(labelValues);
        if (isPublic) builder.isPublic(true);
        if (target != null) builder.target(target);
        Integer cores = cpu != null ? cpu : sandboxClass == null ? null : sandboxClass.cpu;
        Integer gigabytes = memory != null ? memory : sandboxClass == null ? null : sandboxClass.memoryGb;
        Integer diskGigabytes = disk != null ? disk : sandboxClass == null ? null : sandboxClass.diskGb;
        if (cores != null) builder.cpu(cores);
        if (gpu != null) builder.gpu(gpu);
        if (gigabytes != null) builder.memory(gigabytes);
        if (diskGigabytes != null) builder.disk(diskGigabytes);
        if (autoStop != null) builder.autoStopInterval(autoStop);
        if (autoArchive != null) builder.autoArchiveInterval(autoArchive);
        if (autoDelete != null) builder.autoDeleteInterval(autoDelete);
        if (networkBlockAll) builder.networkBlockAll(true);
        if (networkAllowList != null) builder.networkAllowList(networkAllowList);
        if (!sandboxVolumes.isEmpty()) builder.volumes(sandboxVolumes);
        return builder.build();
    }

    /** The {@code --volume} flags, checked before anything is sent. */
    List<Mount> mounts(CommandLine command) {
        List<Mount> mounts = new ArrayList<>();
        for (String volume : volumes) {
            int colon = volume.indexOf(':');
            if (colon <= 0 || colon == volume.length() - 1 || volume.charAt(colon + 1) != '/') {
                throw new ParameterException(command, "Invalid --volume '" + volume
                        + "': use VOLUME_NAME:MOUNT_PATH with an absolute path, e.g. data:/home/daytona/data");
            }
            mounts.add(new Mount(volume.substring(0, colon), volume.substring(colon + 1)));
        }
        return mounts;
    }

    private static List<SandboxVolume> resolve(Daytona daytona, List<Mount> mounts) {
        return mounts.stream().map(mount -> new SandboxVolume(volumeId(daytona, mount.volume()), mount.mountPath(), null)).toList();
    }

    /** A volume's ID from its name; a reference that names no volume is taken as an ID, which the API checks. */
    private static String volumeId(Daytona daytona, String reference) {
        try {
            return daytona.volume().get(reference).id();
        } catch (DaytonaNotFoundException e) {
            return reference;
        }
    }
}
