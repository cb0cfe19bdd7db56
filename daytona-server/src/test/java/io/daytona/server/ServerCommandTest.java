package io.daytona.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerCommandTest {
    @Test
    void previewDomainAndMaximumAutoArchiveDefaultToTheProxyUrlAndThirtyDays() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.proxyDomain).isNull();
        assertThat(command.maxAutoArchiveInterval).isEqualTo(43200);
        ServerConfig defaults = ServerConfig.defaults(Path.of("/tmp/data"));
        assertThat(defaults.proxyDomain()).isEmpty();
        assertThat(defaults.maxAutoArchiveInterval()).isEqualTo(43200);
    }

    @Test
    void mapsTheOptions() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--proxy-domain", "preview.example.com", "--max-auto-archive-interval", "1440");
        assertThat(command.proxyDomain).isEqualTo("preview.example.com");
        assertThat(command.maxAutoArchiveInterval).isEqualTo(1440);
    }

    @Test
    void rateLimitsAreOffByDefaultAndTurnedOnByOption() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--rate-limit", "sandbox-create=3/60", "--rate-limit", "failed-auth=5/300");
        assertThat(command.rateLimits).containsExactly("sandbox-create=3/60", "failed-auth=5/300");
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).rateLimits().any()).isFalse();
    }

    @Test
    void theWarmPoolHasTwoSandboxesInTheServerAndNoneInTestsAndCannotBeNegative() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.warmPoolSize).isEqualTo(2);
        new CommandLine(command).parseArgs("--warm-pool-size", "5");
        assertThat(command.warmPoolSize).isEqualTo(5);
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).warmPoolSize()).isZero();
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).withWarmPoolSize(3).withPorts(0, 0).warmPoolSize()).isEqualTo(3);
        assertThatThrownBy(() -> ServerConfig.defaults(Path.of("/tmp/data")).withWarmPoolSize(-1)).hasMessageContaining("--warm-pool-size");
    }

    @Test
    void refusesAMaximumAutoArchiveBelowOneMinuteNamingTheOption() {
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("/tmp/data")).maxAutoArchiveInterval(0).build())
                .hasMessageContaining("--max-auto-archive-interval");
    }

    @Test
    void theRuntimeIsCrunByDefaultRunscByOptionAndAnUnknownOneIsRefusedBeforeStartingAnything() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.runtime).isEqualTo("crun");
        new CommandLine(command).parseArgs("--runtime", "runsc");
        assertThat(command.runtime).isEqualTo("runsc");
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).runtime()).isEqualTo("crun");

        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine commandLine = new CommandLine(new ServerCommand()).setErr(new java.io.PrintWriter(err));
        assertThat(commandLine.execute("--data-dir", "/nonexistent/daytona", "--runtime", "kata")).isEqualTo(2);
        assertThat(err.toString()).contains("--runtime").contains("kata").contains("crun, runc, runsc");
    }

    @Test
    void refusesADatabaseUrlThatIsNeitherPostgresqlNorTheEmbeddedOneBeforeStartingAnything() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine commandLine = new CommandLine(new ServerCommand()).setErr(new java.io.PrintWriter(err));
        int exit = commandLine.execute("--data-dir", "/nonexistent/daytona", "--database-url", "jdbc:mysql://db/daytona");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("jdbc:postgresql:").contains("jdbc:mysql://db/daytona");
    }

    @Test
    void mapsTheDatabaseOptionsWithoutShowingThePassword() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--database-url", "jdbc:postgresql://db:5432/daytona", "--database-user", "app",
                "--database-password", "s3cret");
        var settings = new io.daytona.controlplane.persistence.DatabaseSettings(command.databaseUrl, command.databaseUser, command.databasePassword);
        assertThat(settings.isEmbedded()).isFalse();
        assertThat(settings.toString()).contains("jdbc:postgresql://db:5432/daytona").doesNotContain("s3cret");
    }
}
