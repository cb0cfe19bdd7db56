package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how the desktop runs: the X display, its size, the VNC and noVNC ports and the
 * directories for logs and recordings. Read from the same variables upstream reads
 * ({@code DISPLAY}, {@code VNC_RESOLUTION}, {@code VNC_PORT}, {@code NO_VNC_PORT}), so an image
 * can set them.
 *
 * @param display the X display, e.g. {@code :0}
 * @param width the screen's width in pixels
 * @param height the screen's height in pixels
 * @param vncPort where x11vnc listens (loopback only)
 * @param noVncPort where noVNC (websockify) serves the browser client and its WebSocket
 * @param stateDir process logs, the session bus socket and the runtime directory
 * @param recordingsDir where recordings are written
 * @param home the sandbox user's home directory
 */
public record DesktopConfig(String display, int width, int height, int vncPort, int noVncPort, Path stateDir,
                            Path recordingsDir, Path home) {
    private static final Pattern DISPLAY = Pattern.compile(":(\\d{1,3})");
    private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,5})x(\\d{2,5})(?:x\\d+)?");

    public DesktopConfig {
        requireNonNull(display, "display is null");
        if (!DISPLAY.matcher(display).matches()) {
            throw new IllegalArgumentException("DISPLAY must look like :0, not " + display);
        }
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(recordingsDir, "recordingsDir is null");
        requireNonNull(home, "home is null");
    }

    /**
     * The configuration for a daemon whose user's home is {@code home}. A value that cannot be
     * used (a remote {@code DISPLAY}, a bad port) falls back to the default: the daemon must start
     * whatever the image sets.
     */
    public static DesktopConfig fromEnvironment(Map<String, String> env, Path home) {
        String display = env.getOrDefault("DISPLAY", "").strip().replaceFirst("\\.\\d+$", "");
        if (!DISPLAY.matcher(display).matches()) {
            display = ":0";
        }
        Matcher resolution = RESOLUTION.matcher(env.getOrDefault("VNC_RESOLUTION", "").strip());
        int width = resolution.matches() ? Integer.parseInt(resolution.group(1)) : 1024;
        int height = resolution.matches() ? Integer.parseInt(resolution.group(2)) : 768;
        Path state = home.resolve(".daytona/computeruse");
        return new DesktopConfig(display, width, height, port(env, "VNC_PORT", 5901), port(env, "NO_VNC_PORT", 6080), state,
                home.resolve(".daytona/recordings"), home);
    }

    /** The display's number: 0 for {@code :0}. */
    public int displayNumber() {
        Matcher matcher = DISPLAY.matcher(display);
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

    /** The X server's socket, which exists once Xvfb accepts clients. */
    public Path xSocket() {
        return Path.of("/tmp/.X11-unix/X" + displayNumber());
    }

    /** The desktop's D-Bus session bus socket. */
    public Path busSocket() {
        return stateDir.resolve("bus");
    }

    public String busAddress() {
        return "unix:path=" + busSocket();
    }

    /** {@code XDG_RUNTIME_DIR} of the desktop's programs. */
    public Path runtimeDir() {
        return stateDir.resolve("runtime");
    }

    /** The variables every desktop program (and every command started after the desktop) gets. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", busAddress(), "XDG_RUNTIME_DIR", runtimeDir().toString());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        try {
            int port = Integer.parseInt(env.getOrDefault(name, "").strip());
            return port >= 1 && port <= 65535 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
