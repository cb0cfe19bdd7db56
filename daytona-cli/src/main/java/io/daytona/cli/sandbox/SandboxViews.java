package io.daytona.cli.sandbox;

import io.daytona.cli.output.Table;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxVolume;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable views of sandboxes: a table for lists, aligned properties for one. */
public final class SandboxViews {
    private SandboxViews() {}

    public static String table(List<Sandbox> sandboxes) {
        Table table = new Table("ID", "NAME", "STATE", "SNAPSHOT", "REGION", "CPU", "MEMORY", "DISK", "CREATED");
        for (Sandbox sandbox : sandboxes) {
            table.row(sandbox.id(), sandbox.name(), sandbox.state() == null ? null : sandbox.state().wireValue(), sandbox.snapshot(),
                    sandbox.target(), sandbox.cpu(), sandbox.memory() + " GiB", sandbox.disk() + " GiB", instant(sandbox.createdAt()));
        }
        return table.render();
    }

    public static String info(Sandbox sandbox) {
        List<String[]> pairs = new ArrayList<>();
        pairs.add(pair("ID", sandbox.id()));
        pairs.add(pair("Name", sandbox.name()));
        pairs.add(pair("State", sandbox.state() == null ? null : sandbox.state().wireValue()));
        if (sandbox.errorReason() != null) {
            pairs.add(pair("Error", sandbox.errorReason()));
        }
        pairs.add(pair("Snapshot", sandbox.snapshot()));
        pairs.add(pair("Region", sandbox.target()));
        pairs.add(pair("User", sandbox.user()));
        pairs.add(pair("CPU", Integer.toString(sandbox.cpu())));
        pairs.add(pair("GPU", Integer.toString(sandbox.gpu())));
        pairs.add(pair("Memory", sandbox.memory() + " GiB"));
        pairs.add(pair("Disk", sandbox.disk() + " GiB"));
        pairs.add(pair("Public", Boolean.toString(sandbox.isPublic())));
        pairs.add(pair("Network block all", Boolean.toString(sandbox.networkBlockAll())));
        pairs.add(pair("Network allow list", sandbox.networkAllowList()));
        pairs.add(pair("Auto-stop", minutes(sandbox.autoStopInterval())));
        pairs.add(pair("Auto-archive", minutes(sandbox.autoArchiveInterval())));
        pairs.add(pair("Auto-delete", minutes(sandbox.autoDeleteInterval())));
        pairs.add(pair("Labels", join(sandbox.labels())));
        pairs.add(pair("Env", join(sandbox.env())));
        pairs.add(pair("Volumes", sandbox.volumes().stream().map(SandboxViews::volume).collect(Collectors.joining(", "))));
        pairs.add(pair("Created", instant(sandbox.createdAt())));
        pairs.add(pair("Updated", instant(sandbox.updatedAt())));
        return Table.properties(pairs);
    }

    private static String volume(SandboxVolume volume) {
        return volume.volumeId() + ":" + volume.mountPath();
    }

    private static String join(Map<String, String> values) {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static String minutes(Integer value) {
        return value == null ? null : value + " min";
    }

    static String instant(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String[] pair(String key, String value) {
        return new String[] {key, value};
    }
}
