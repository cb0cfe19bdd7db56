package io.daytona.cli;

import io.daytona.cli.config.ConfigStore;
import io.daytona.cli.config.Profile;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every command runs with: the environment it reads ({@code HOME}, {@code DAYTONA_*}) and
 * the configuration file under that home. Passed to each command's constructor, so a test runs
 * the CLI in-process with a temporary home and its own environment.
 *
 * @param environment the environment variables the CLI reads
 * @param home the user's home directory
 * @param osName the operating system's name (where agents keep their configuration differs)
 */
public record CliContext(Map<String, String> environment, Path home, String osName) {
    /** Where the CLI talks to when nothing says otherwise: the server {@code daytona server} starts. */
    public static final String DEFAULT_API_URL = "http://localhost:3000/api";

    public CliContext {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
        Objects.requireNonNull(home, "home is null");
        Objects.requireNonNull(osName, "osName is null");
    }

    /** {@return the context of this process: its environment, {@code HOME} (or {@code user.home}) and OS} */
    public static CliContext ofProcess() {
        Map<String, String> environment = System.getenv();
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return new CliContext(environment, Path.of(home), System.getProperty("os.name", "Linux"));
    }

    /** {@return a context like this one with a different environment and home, for tests} */
    public static CliContext of(Map<String, String> environment) {
        return new CliContext(environment, Path.of(environment.get("HOME")), "Linux");
    }

    public ConfigStore config() {
        return new ConfigStore(ConfigStore.location(environment, home, osName));
    }

    /** {@return the value of an environment variable, unless unset or blank} */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** {@return the active profile, if logged in} */
    public Optional<Profile> profile() {
        return config().load().active();
    }

    /**
     * {@return a client of the platform}: the API key of {@code DAYTONA_API_KEY}, else of the active
     * profile (the key of its active organization); the URL of {@code DAYTONA_API_URL}, else of the
     * profile, else {@value #DEFAULT_API_URL}. The caller closes it.
     *
     * @throws CliException if there are no credentials
     */
    public Daytona client() {
        Optional<Profile> profile = profile();
        String key = env(DaytonaConfig.ENV_API_KEY).or(() -> profile.map(Profile::activeKey)).orElseThrow(() -> new CliException(
                "Not logged in: run `daytona login --api-key <key>` or set " + DaytonaConfig.ENV_API_KEY));
        String url = env(DaytonaConfig.ENV_API_URL).or(() -> profile.map(p -> p.api().url())).orElse(DEFAULT_API_URL);
        DaytonaConfig.Builder config = DaytonaConfig.builder().apiKey(key).apiUrl(url).target(environment.get(DaytonaConfig.ENV_TARGET));
        if (env(DaytonaConfig.ENV_API_KEY).isEmpty()) {
            profile.map(Profile::activeOrganizationId).ifPresent(config::organizationId);
        }
        return new Daytona(config.build());
    }
}
