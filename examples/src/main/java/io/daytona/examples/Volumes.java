package io.daytona.examples;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A volume shared by two sandboxes: what one writes the other reads, and the data outlives both,
 * as the documentation's volumes page shows.
 */
public final class Volumes {
    private Volumes() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns what the second sandbox read from the volume. */
    public static String run(Daytona daytona) {
        Volume volume = daytona.volume().get("example-shared-data", true);
        CreateSandbox mounted = CreateSandbox.builder()
                .volumes(List.of(new SandboxVolume(volume.id(), "/home/daytona/shared", null)))
                .build();
        Sandbox writer = daytona.create(mounted);
        Sandbox reader = daytona.create(mounted);
        try {
            writer.getFs().uploadFile("hello from the writer\n".getBytes(StandardCharsets.UTF_8), "/home/daytona/shared/message.txt");
            return new String(reader.getFs().downloadFile("/home/daytona/shared/message.txt"), StandardCharsets.UTF_8);
        } finally {
            writer.delete();
            reader.delete();
        }
    }
}
