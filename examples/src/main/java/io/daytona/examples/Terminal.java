package io.daytona.examples;

import io.daytona.sdk.Daytona;
import io.daytona.sdk.PtyCreateOptions;
import io.daytona.sdk.PtyHandle;
import io.daytona.sdk.PtyResult;
import io.daytona.sdk.Sandbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An interactive terminal (PTY): input typed into a shell, its output, a resize and the exit code. */
public final class Terminal {
    private Terminal() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns the terminal's output followed by the shell's exit code. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            try (PtyHandle terminal = sandbox.getProcess().createPty(PtyCreateOptions.builder("example-terminal")
                    .cols(120).rows(30)
                    .onData(bytes -> screen.writeBytes(bytes))
                    .build())) {
                terminal.waitForConnection(Duration.ofSeconds(10));
                terminal.resize(100, 40);
                terminal.sendInput("echo \"size: $(stty size)\"\n");
                terminal.sendInput("exit 7\n");
                PtyResult result = terminal.waitForExit(Duration.ofSeconds(30));
                return screen.toString(StandardCharsets.UTF_8) + "\nexit code: " + result.exitCode();
            }
        } finally {
            sandbox.delete();
        }
    }
}
