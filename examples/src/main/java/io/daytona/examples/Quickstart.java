package io.daytona.examples;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.Sandbox;
import java.util.Map;

/** Creates a sandbox, runs a command in it and deletes it: the documentation's first example. */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns what the command printed. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create(CreateSandbox.builder()
                .labels(Map.of("example", "quickstart"))
                .env(Map.of("GREETING", "Hello from Daytona"))
                .build());
        try {
            ExecuteResponse response = sandbox.getProcess().executeCommand("echo \"$GREETING\" && python3 --version");
            if (response.exitCode() != 0) {
                throw new IllegalStateException("the command failed with exit code " + response.exitCode() + ": " + response.result());
            }
            return response.result();
        } finally {
            sandbox.delete();
        }
    }
}
