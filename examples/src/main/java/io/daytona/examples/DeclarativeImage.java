package io.daytona.examples;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Image;
import io.daytona.sdk.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sandbox created straight from a declarative {@link Image} that copies local files and a local
 * directory into it (uploaded as build contexts first), as the documentation's declarative
 * builder page shows with {@code CreateSandboxFromImageParams}.
 *
 * <p>Usage: {@code DeclarativeImage [base image]}; the default base is the platform's default image.
 */
public final class DeclarativeImage {
    private DeclarativeImage() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona, args.length > 0 ? args[0] : "localhost/daytona/sandbox:0.1.0", System.out::println));
        }
    }

    /** Returns what the program copied into the image prints; {@code onLogs} receives the build's output. */
    public static String run(Daytona daytona, String baseImage, Consumer<String> onLogs) {
        Path project = createProject();
        Image image = Image.base(baseImage)
                .addLocalFile(project.resolve("main.py"), "/home/daytona/app/")
                .addLocalDir(project.resolve("data"), "/home/daytona/app/data")
                .workdir("/home/daytona/app")
                .env(Map.of("GREETING", "Hello from a declarative image"));
        Sandbox sandbox = daytona.create(image, CreateSandbox.builder().build(), onLogs, Duration.ofMinutes(10));
        try {
            return sandbox.getProcess().executeCommand("python3 main.py").result();
        } finally {
            sandbox.delete();
        }
    }

    private static Path createProject() {
        try {
            Path project = Files.createTempDirectory("daytona-example-image");
            Files.writeString(project.resolve("main.py"), """
                    import os
                    print(os.environ['GREETING'])
                    print(open('data/items.txt').read().strip())
                    """);
            Files.createDirectories(project.resolve("data"));
            Files.writeString(project.resolve("data/items.txt"), "apples, pears\n");
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
