package io.daytona.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.daytona.cli.CliException;
import io.daytona.model.json.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the configuration file. It holds API keys, so it is written owner-only (mode
 * 600, its directory 700) and replaced atomically: a crash never leaves half a file.
 */
public final class ConfigStore {
    private static final String FILE_NAME = "config.json";

    private final Path file;
    private final ObjectMapper mapper = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConfigStore(Path file) {
        this.file = Objects.requireNonNull(file, "file is null");
    }

    /**
     * Where the file is: {@code $DAYTONA_CONFIG_DIR/config.json}, else
     * {@code $XDG_CONFIG_HOME/daytona/config.json}, else {@code ~/.config/daytona/config.json}
     * (on macOS {@code ~/Library/Application Support/daytona/config.json}), as the upstream CLI
     * places it.
     */
    public static Path location(Map<String, String> environment, Path home, String osName) {
        String configDir = environment.get("DAYTONA_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            return Path.of(configDir).resolve(FILE_NAME);
        }
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("mac")) {
            return home.resolve("Library/Application Support/daytona").resolve(FILE_NAME);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("daytona").resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** {@return the configuration; empty when the file does not exist} */
    public CliConfig load() {
        if (!Files.exists(file)) {
            return CliConfig.empty();
        }
        try {
            return mapper.readValue(file.toFile(), CliConfig.class);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage() + "; fix or delete it and run `daytona login`", e);
        }
    }

    /** Writes {@code config}, owner-only. */
    public void save(CliConfig config) {
        Objects.requireNonNull(config, "config is null");
        try {
            Path directory = file.toAbsolutePath().getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                if (posix) {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Path temporary = posix
                    ? Files.createTempFile(directory, ".config", ".json", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".config", ".json");
            try {
                Files.write(temporary, mapper.writeValueAsBytes(config));
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CliException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
