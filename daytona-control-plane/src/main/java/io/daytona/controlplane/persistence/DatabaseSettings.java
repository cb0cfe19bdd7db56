package io.daytona.controlplane.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the control plane keeps its state: the embedded H2 file (PostgreSQL mode) by default, or
 * any PostgreSQL database in production. Both run the same Flyway migrations.
 *
 * @param jdbcUrl a JDBC URL, {@code jdbc:h2:file:…} or {@code jdbc:postgresql://…}
 * @param user the database user
 * @param password the database password
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: (or jdbc:h2: for the embedded database), got " + jdbcUrl);
        }
    }

    /** The embedded default: an H2 file in PostgreSQL mode under {@code directory}. */
    public static DatabaseSettings embedded(Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("daytona").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new DatabaseSettings(url, "sa", "");
    }

    /** Whether this is the embedded database rather than a PostgreSQL server. */
    public boolean isEmbedded() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + user + "]";
    }
}
