package io.daytona.controlplane.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The database a control-plane test runs on: the embedded H2 file by default, or a fresh database
 * on a PostgreSQL server with {@code -Ddaytona.test.database=postgresql}, so the same tests prove
 * that one set of migrations and queries works on both. The PostgreSQL server is reached with
 * {@code -Ddaytona.test.postgresql.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code .user} and {@code .password} (default {@code daytona}/{@code daytona}, a role allowed to
 * create databases); databases made here are dropped when the JVM ends.
 */
public final class TestDatabases {
    private static final String ADMIN_URL = System.getProperty("daytona.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("daytona.test.postgresql.user", "daytona");
    private static final String PASSWORD = System.getProperty("daytona.test.postgresql.password", "daytona");
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated));
    }

    private TestDatabases() {}

    /** Whether tests run on PostgreSQL rather than the embedded database. */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("daytona.test.database", "h2"));
    }

    /** A new, empty database: an H2 file under {@code directory}, or a new PostgreSQL database. */
    public static DatabaseSettings fresh(Path directory) {
        if (!postgresql()) {
            return DatabaseSettings.embedded(directory);
        }
        String name = "daytona_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        synchronized (CREATED) {
            CREATED.add(name);
        }
        return new DatabaseSettings(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name, USER, PASSWORD);
    }

    private static void dropCreated() {
        synchronized (CREATED) {
            for (String name : CREATED) {
                try {
                    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (RuntimeException ignored) {
                    // the server may be gone already; a leftover test database harms nothing
                }
            }
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + ADMIN_URL + " as " + USER
                    + " (run scripts/postgresql-for-tests.sh): " + e.getMessage(), e);
        }
    }
}
