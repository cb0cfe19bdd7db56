package io.daytona.examples;

import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;

/**
 * A long-lived shell session: the working directory and exported variables persist between
 * commands, and a command run in the background has its output followed as it is written, stdout
 * and stderr apart.
 */
public final class Sessions {
    private Sessions() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns the followed output, stdout lines first, then stderr lines. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            var process = sandbox.getProcess();
            process.createSession("build");
            process.executeSessionCommand("build", "mkdir -p /tmp/app && cd /tmp/app && export STAGE=compile");
            SessionExecuteResponse background = process.executeSessionCommand("build", new SessionExecuteRequest(
                    "for i in 1 2 3; do echo \"$STAGE $i in $(pwd)\"; sleep 0.2; done; echo done >&2", true, null, null));

            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            process.getSessionCommandLogs("build", background.cmdId(), stdout::append, stderr::append);
            process.deleteSession("build");
            return stdout + "stderr: " + stderr;
        } finally {
            sandbox.delete();
        }
    }
}
