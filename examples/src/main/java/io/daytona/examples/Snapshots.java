package io.daytona.examples;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Image;
import io.daytona.sdk.Sandbox;
import java.util.Map;

/**
 * A snapshot built declaratively from an {@link Image}, its build log streamed while it runs, then
 * a sandbox created from it, as the documentation's snapshots and declarative builder pages show.
 *
 * <p>Usage: {@code Snapshots [base image]}; the default base is the platform's default image.
 */
public final class Snapshots {
    private Snapshots() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona, args.length > 0 ? args[0] : "localhost/daytona/sandbox:0.1.0", System.out::print));
        }
    }

    /** Returns what a sandbox of the new snapshot finds in it; {@code onLogs} receives the build's output. */
    public static String run(Daytona daytona, String baseImage, java.util.function.Consumer<String> onLogs) {
        Image image = Image.base(baseImage)
                // The default image builds as its user, daytona, who uses sudo for system paths.
                .runCommands("sudo mkdir -p /opt/tools && echo 'built by Daytona' | sudo tee /opt/tools/README")
                .env(Map.of("TOOLS_HOME", "/opt/tools"));
        String name = "example-tools-" + System.currentTimeMillis();
        Snapshot snapshot = daytona.snapshot().create(name, image, onLogs);
        try {
            Sandbox sandbox = daytona.create(CreateSandbox.builder().snapshot(snapshot.name()).build());
            try {
                return sandbox.getProcess().executeCommand("cat $TOOLS_HOME/README").result();
            } finally {
                sandbox.delete();
            }
        } finally {
            daytona.snapshot().delete(snapshot);
        }
    }
}
