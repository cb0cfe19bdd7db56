package io.daytona.cli;

import java.io.File;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona docs}: opens the documentation in a browser when there is one, and prints its URL. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Open the Daytona documentation in your default browser (prints its URL when there is none).")
public final class DocsCommand implements Runnable {
    public static final String DOCS_URL = "https://www.daytona.io/docs";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        if (openInBrowser()) {
            out.println("Opened " + DOCS_URL);
        } else {
            out.println(DOCS_URL);
        }
        out.flush();
    }

    /** Opens the URL with the desktop's opener; false on a machine without a display (a server, CI). */
    private static boolean openInBrowser() {
        boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac");
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        String opener = mac ? "open" : "xdg-open";
        if (!mac && !display || !onPath(opener)) {
            return false;
        }
        try {
            return new ProcessBuilder(List.of(opener, DOCS_URL)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@return whether {@code program} is an executable on {@code PATH}} */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && new File(directory, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
