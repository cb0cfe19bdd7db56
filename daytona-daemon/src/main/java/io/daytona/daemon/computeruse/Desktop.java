package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.ProcessStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's processes in start order: Xvfb (the display), the D-Bus session bus, Xfce
 * (window manager, panel, desktop), x11vnc (VNC on loopback) and noVNC (websockify serving the
 * browser client on {@link DesktopConfig#noVncPort()}). Nothing runs until {@link #start()}.
 */
final class Desktop {
    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);
    /** The processes whose running makes the desktop {@code active}, as upstream counts. */
    static final List<String> REQUIRED = List.of("xvfb", "xfce4", "x11vnc", "novnc");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final DesktopConfig config;
    private final Map<String, DesktopProcess> processes;

    Desktop(DesktopConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.processes = processes(config);
    }

    DesktopConfig config() {
        return config;
    }

    private static Map<String, DesktopProcess> processes(DesktopConfig config) {
        Map<String, String> env = new LinkedHashMap<>(config.environment());
        env.put("HOME", config.home().toString());
        Path state = config.stateDir();
        String screen = config.width() + "x" + config.height() + "x24";
        List<DesktopProcess> list = List.of(
                new DesktopProcess("xvfb", 100, List.of("Xvfb", config.display(), "-screen", "0", screen, "-nolisten", "tcp"),
                        env, state, () -> Files.exists(config.xSocket())),
                new DesktopProcess("dbus", 150, List.of("dbus-daemon", "--session", "--nofork", "--nopidfile",
                        "--address=" + config.busAddress()), env, state, () -> Files.exists(config.busSocket())),
                new DesktopProcess("xfce4", 200, List.of("xfce4-session"), env, state, () -> sessionLoaded(config)),
                new DesktopProcess("x11vnc", 300, List.of("x11vnc", "-display", config.display(), "-forever", "-shared",
                        "-localhost", "-rfbport", String.valueOf(config.vncPort()), "-nopw", "-noxdamage"), env, state,
                        () -> listening(config.vncPort())),
                new DesktopProcess("novnc", 400, List.of("websockify", "--web", "/usr/share/novnc",
                        String.valueOf(config.noVncPort()), "localhost:" + config.vncPort()), env, state,
                        () -> listening(config.noVncPort())));
        Map<String, DesktopProcess> byName = new LinkedHashMap<>();
        list.stream().sorted(Comparator.comparingInt(DesktopProcess::priority)).forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    /**
     * Starts every process that is not running, in order, each once the one before is ready, and
     * waits for the last to serve. A process that dies at once makes this fail with its stderr.
     */
    synchronized void start() throws IOException, InterruptedException {
        prepareDirectories();
        for (DesktopProcess process : processes.values()) {
            if (process.isRunning()) {
                continue;
            }
            process.start();
            if (!process.awaitReady(READY_TIMEOUT)) {
                if (!process.isRunning()) {
                    throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "%s did not stay up during start (%s); stderr: %s; stdout: %s"
                            .formatted(process.name(), process.lastExit(), lastLines(process.errors()), lastLines(process.logs())));
                }
                LOG.warn("{} runs but was not ready within {}", process.name(), READY_TIMEOUT);
            }
        }
    }

    /** Stops every process, last started first. */
    synchronized void stop() throws InterruptedException {
        List<DesktopProcess> reversed = List.copyOf(processes.values()).reversed();
        for (DesktopProcess process : reversed) {
            process.stop();
        }
    }

    /** Restarts one process (stop, then start and wait until it is ready). */
    void restart(String name) throws IOException, InterruptedException {
        DesktopProcess process = process(name);
        synchronized (this) {
            prepareDirectories();
            process.stop();
            process.start();
            process.awaitReady(READY_TIMEOUT);
        }
    }

    /** Every process's status by name, in start order. */
    Map<String, ProcessStatus> statuses() {
        Map<String, ProcessStatus> statuses = new TreeMap<>();
        processes.forEach((name, process) -> statuses.put(name, process.status()));
        return statuses;
    }

    /** {@code active}, {@code partial} or {@code inactive}, as upstream reports it. */
    String status() {
        if (REQUIRED.stream().allMatch(name -> processes.get(name).isRunning())) {
            return "active";
        }
        return processes.values().stream().anyMatch(DesktopProcess::isRunning) ? "partial" : "inactive";
    }

    /** Whether the X display serves, which every screen, mouse and keyboard call needs. */
    boolean displayRuns() {
        return processes.get("xvfb").isRunning() && Files.exists(config.xSocket());
    }

    /** Fails with 503 unless the display serves. */
    void requireDisplay() {
        if (!displayRuns()) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE,
                    "the desktop is not running: call POST /computeruse/start first");
        }
    }

    DesktopProcess process(String name) {
        return Optional.ofNullable(processes.get(name)).orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND,
                "no computer-use process named '%s'; the processes are %s".formatted(name, String.join(", ", processes.keySet()))));
    }

    private void prepareDirectories() throws IOException {
        Files.createDirectories(config.stateDir());
        Path runtime = config.runtimeDir();
        if (!Files.isDirectory(runtime)) {
            Files.createDirectories(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * Xfce's session has loaded once the panel and the desktop have mapped their windows: the
     * settings daemon, which sets the keyboard map (keys typed while it loads can be lost), starts
     * before them.
     */
    private static boolean sessionLoaded(DesktopConfig config) {
        X11Tools.Result windows;
        try {
            windows = X11Tools.run(config, List.of("wmctrl", "-l"));
        } catch (ServiceException e) {
            return false;
        }
        return windows.exitCode() == 0 && windows.stdout().lines().anyMatch(line -> line.endsWith(" xfce4-panel"))
                && windows.stdout().lines().anyMatch(line -> line.endsWith(" Desktop"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }

}
