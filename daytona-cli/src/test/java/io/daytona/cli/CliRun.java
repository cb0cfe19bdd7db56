package io.daytona.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a temporary home and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Path home, Map<String, String> extraEnvironment, String... args) {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("HOME", home.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = DaytonaCli.commandLine(CliContext.of(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(Path home, String... args) {
        return run(home, Map.of(), args);
    }
}
