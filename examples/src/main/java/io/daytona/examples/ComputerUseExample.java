package io.daytona.examples;

import io.daytona.model.toolbox.computeruse.ScreenshotResponse;
import io.daytona.sdk.ComputerUse;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Computer use: start the sandbox's desktop, open a terminal window, take a screenshot into a
 * local PNG file, click into the window and type a line that the window's program writes to a
 * file, then stop the desktop.
 */
public final class ComputerUseExample {
    private ComputerUseExample() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona, Path.of("desktop.png")));
        }
    }

    /** Returns the screenshot's size and the line the window received. */
    public static String run(Daytona daytona, Path screenshotFile) {
        Sandbox sandbox = daytona.create();
        try {
            ComputerUse desktop = sandbox.getComputerUse();
            desktop.start();
            // Commands started after start() have DISPLAY set: the window opens on the desktop.
            sandbox.getProcess().executeCommand(
                    "bash -c 'setsid xterm -T example -geometry 80x10+100+100 -e bash -c \"read line; echo \\$line > ~/line.txt\" >/dev/null 2>&1 &'");
            awaitWindow(desktop, "example");
            ScreenshotResponse shot = desktop.getScreenshot().takeFullScreen(true);
            Files.write(screenshotFile, shot.imageBytes());
            desktop.getMouse().click(200, 150);
            desktop.getKeyboard().type("hello from Java");
            desktop.getKeyboard().press("Enter");
            String line = awaitFile(sandbox, "line.txt");
            desktop.stop();
            return "screenshot %s (%d bytes), typed: %s".formatted(pngSize(shot.imageBytes()), shot.sizeBytes(), line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sandbox.delete();
        }
    }

    private static void awaitWindow(ComputerUse desktop, String title) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (desktop.getDisplay().getWindows().windows().stream().noneMatch(w -> w.title().equals(title) && w.isActive())) {
            pause(deadline, "the window " + title);
        }
    }

    private static String awaitFile(Sandbox sandbox, String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            var result = sandbox.getProcess().executeCommand("cat " + name);
            if (result.exitCode() == 0 && !result.result().isBlank()) {
                return result.result().strip();
            }
            pause(deadline, name);
        }
    }

    private static void pause(Instant deadline, String what) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(what + " did not appear within 30 s");
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Width x height from the PNG header (the IHDR chunk follows the 8-byte signature). */
    private static String pngSize(byte[] png) {
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        return header.getInt() + "x" + header.getInt() + " PNG";
    }
}
