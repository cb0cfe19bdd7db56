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

    @Test
    void theEmbeddedRunnerIsOnByDefaultAndTurnedOffByOption() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.embeddedRunner).isTrue();
        assertThat(command.runnerTimeout).isEqualTo(60);
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).embeddedRunner()).isTrue();
        assertThat(ServerConfig.defaults(Path.of("/tmp/data")).archives()).isEqualTo(Path.of("/tmp/data/archives"));
        new CommandLine(command).parseArgs("--no-embedded-runner", "--archive-dir", "/srv/archives", "--runner-timeout", "20");
        assertThat(command.embeddedRunner).isFalse();
        assertThat(command.archiveDirectory).isEqualTo(Path.of("/srv/archives"));
        assertThat(command.runnerTimeout).isEqualTo(20);
        assertThatThrownBy(() -> ServerConfig.defaults(Path.of("/tmp/data")).withRunnerTimeout(java.time.Duration.ZERO))
                .hasMessageContaining("--runner-timeout");
    }

    @Test
    void aRunnerNeedsTheControlPlaneAndItsKeyAndNamesTheOptionToFix() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine commandLine = new CommandLine(new RunnerCommand()).setErr(new java.io.PrintWriter(err));
        assertThat(commandLine.execute("--token", "dtr_x")).isEqualTo(2);
        assertThat(err.toString()).contains("--api-url is required");
        err.getBuffer().setLength(0);
        assertThat(commandLine.execute("--api-url", "http://127.0.0.1:3000/api", "--token", "dtr_x", "--cpu", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--cpu, --memory and --disk together");
        RunnerCommand command = new RunnerCommand();
        new CommandLine(command).parseArgs("--api-url", "http://cp:3000/api", "--token", "dtr_x", "--cpu", "2", "--memory", "4",
                "--disk", "20", "--port", "3005", "--healthcheck-interval", "2");
        var settings = command.settings("test");
        assertThat(settings.port()).isEqualTo(3005);
        assertThat(settings.capacity()).contains(new io.daytona.model.runner.RunnerCapacity(2, 4, 20));
        assertThat(settings.healthcheckInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
    }
}
