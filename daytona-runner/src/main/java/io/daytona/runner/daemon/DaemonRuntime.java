package io.daytona.runner.daemon;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.util.spi.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a runner mounts read-only into every sandbox so the daemon runs in any Linux image:
 * a Java runtime linked down to the modules the daemon uses, the daemon's jar and, once trained,
 * an ahead-of-time cache of the daemon's loaded and linked classes (JEP 483), which more than
 * halves the daemon's start.
 *
 * @param javaHome the linked runtime on the host
 * @param jar the daemon jar on the host
 * @param aotCache the trained AOT cache on the host, if any
 * @param trainingOutput a writable host directory where a training run writes a new cache
 */
public record DaemonRuntime(Path javaHome, Path jar, Optional<Path> aotCache, Optional<Path> trainingOutput) {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRuntime.class);
    private static final List<String> MODULES = List.of(
            "java.base", "java.logging", "java.management", "java.naming", "java.sql", "jdk.unsupported");

    /** Where the runtime appears inside a sandbox. */
    public static final String MOUNTED_JAVA_HOME = "/opt/daytona/jre";
    /** Where the jar appears inside a sandbox. */
    public static final String MOUNTED_JAR = "/opt/daytona/daemon.jar";
    /** Where the AOT cache appears inside a sandbox. */
    public static final String MOUNTED_AOT_CACHE = "/opt/daytona/daemon.aot";
    /** Where a training run writes its cache inside its sandbox. */
    public static final String MOUNTED_TRAINING_OUTPUT = "/opt/daytona/aot-out";
    static final String TRAINED_FILE = "daemon.aot";

    public DaemonRuntime {
        requireNonNull(javaHome, "javaHome is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(aotCache, "aotCache is null");
        requireNonNull(trainingOutput, "trainingOutput is null");
    }

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
        Path cache = aotCachePath(javaHome, jar);
        return new DaemonRuntime(javaHome, jar, Files.exists(cache) ? Optional.of(cache) : Optional.empty(), Optional.empty());
    }

    /** Where the AOT cache of this runtime and jar lives; it is valid only for both together. */
    public Path aotCachePath() {
        return aotCachePath(javaHome, jar);
    }

    private static Path aotCachePath(Path javaHome, Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replace(".jar", "") + "-" + javaHome.getFileName() + ".aot");
    }

    /** This runtime, set up to write a new AOT cache into {@code output} when its daemon exits. */
    public DaemonRuntime training(Path output) {
        return new DaemonRuntime(javaHome, jar, Optional.empty(), Optional.of(output));
    }

    public DaemonRuntime withAotCache(Path cache) {
        return new DaemonRuntime(javaHome, jar, Optional.of(cache), Optional.empty());
    }

    /** The bind mounts that bring the daemon into a sandbox. */
    public List<Bind> binds() {
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind(javaHome.toString(), new Volume(MOUNTED_JAVA_HOME), AccessMode.ro),
                new Bind(jar.toString(), new Volume(MOUNTED_JAR), AccessMode.ro)));
        aotCache.ifPresent(cache -> binds.add(new Bind(cache.toString(), new Volume(MOUNTED_AOT_CACHE), AccessMode.ro)));
        trainingOutput.ifPresent(out -> binds.add(new Bind(out.toString(), new Volume(MOUNTED_TRAINING_OUTPUT), AccessMode.rw)));
        return List.copyOf(binds);
    }

    /** The command that starts the daemon in a sandbox, followed by the image's own entrypoint. */
    public List<String> entrypoint(List<String> imageCommand) {
        List<String> command = new ArrayList<>(List.of(
                MOUNTED_JAVA_HOME + "/bin/java",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xss512k",
                "-Xmx64m",
                // Start small and give memory back: an idle daemon needs a few MB of heap.
                "-Xms4m",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-XX:MaxMetaspaceSize=64m",
                // Map the AOT cache at its own address instead of a random one: relocated pages
                // become private copies (≈ 11 MB per sandbox), unrelocated ones stay shared page
                // cache across every sandbox on the host (the cache is one host file, mounted read-only).
                "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0",
                // sessions make named pipes with mkfifo(3) through the FFM API
                "--enable-native-access=ALL-UNNAMED",
                // a warm-pool sandbox receives its owner's environment when claimed (ProcessEnvironment)
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        aotCache.ifPresent(cache -> command.add("-XX:AOTCache=" + MOUNTED_AOT_CACHE));
        trainingOutput.ifPresent(out -> command.add("-XX:AOTCacheOutput=" + MOUNTED_TRAINING_OUTPUT + "/" + TRAINED_FILE));
        command.addAll(List.of("-jar", MOUNTED_JAR, "--"));
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
