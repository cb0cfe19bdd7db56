package io.daytona.runner.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.spi.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a runner mounts read-only into every sandbox so the daemon runs in any Linux image:
 * a Java runtime linked down to the modules the daemon uses, and the daemon's jar.
 *
 * @param javaHome the linked runtime on the host
 * @param jar the daemon jar on the host
 */
public record DaemonRuntime(Path javaHome, Path jar) {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRuntime.class);
    private static final List<String> MODULES = List.of(
            "java.base", "java.logging", "java.management", "java.naming", "java.sql", "jdk.unsupported");

    /** Where the runtime appears inside a sandbox. */
    public static final String MOUNTED_JAVA_HOME = "/opt/daytona/jre";
    /** Where the jar appears inside a sandbox. */
    public static final String MOUNTED_JAR = "/opt/daytona/daemon.jar";

    /**
     * Links the runtime (once per Java version) and writes the jar (once per content) under
     * {@code directory}. Files are named by version and hash, so running sandboxes keep theirs.
     */
    public static DaemonRuntime prepare(Path directory, InputStream daemonJar) throws IOException {
        Files.createDirectories(directory);
        Path javaHome = directory.resolve("jre-" + Runtime.version().feature() + "." + Runtime.version().interim()
                + "." + Runtime.version().update() + "-" + Integer.toHexString(MODULES.hashCode()));
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            link(javaHome);
        }
        byte[] jarBytes = daemonJar.readAllBytes();
        Path jar = directory.resolve("daytona-daemon-" + sha256(jarBytes).substring(0, 16) + ".jar");
        if (!Files.exists(jar)) {
            Path temporary = Files.createTempFile(directory, "daemon", ".jar");
            Files.write(temporary, jarBytes);
            // The sandbox user reads it through a bind mount; it holds no secrets.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, jar, StandardCopyOption.ATOMIC_MOVE);
        }
        return new DaemonRuntime(javaHome, jar);
    }

    /** The command that starts the daemon in a sandbox, followed by the image's own entrypoint. */
    public List<String> entrypoint(List<String> imageCommand) {
        var command = new java.util.ArrayList<>(List.of(
                MOUNTED_JAVA_HOME + "/bin/java",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xss512k",
                "-Xmx64m",
                "-XX:MaxMetaspaceSize=48m",
                "-Xshare:auto",
                "-jar", MOUNTED_JAR,
                "--"));
        command.addAll(imageCommand);
        return List.copyOf(command);
    }

    private static void link(Path javaHome) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IOException(
                "jlink is not available: run the server on a JDK (Temurin 25), not a JRE, so it can link the daemon's runtime"));
        Path staging = javaHome.resolveSibling(javaHome.getFileName() + ".staging");
        deleteRecursively(staging);
        LOG.info("linking the daemon's Java runtime into {}", javaHome);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int status = jlink.run(out, out, "--add-modules", String.join(",", MODULES), "--strip-debug",
                    "--no-header-files", "--no-man-pages", "--output", staging.toString());
            if (status != 0) {
                throw new IOException("jlink failed (" + status + "): " + output.toString(StandardCharsets.UTF_8));
            }
        }
        generateClassDataArchive(staging);
        deleteRecursively(javaHome);
        Files.move(staging, javaHome, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A linked runtime has no default CDS archive; making one roughly halves JVM start-up. */
    private static void generateClassDataArchive(Path javaHome) throws IOException {
        try {
            Process process = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-Xshare:dump")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (process.waitFor() != 0) {
                LOG.warn("could not create the CDS archive of the daemon runtime; daemons will start slower");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the CDS archive", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
