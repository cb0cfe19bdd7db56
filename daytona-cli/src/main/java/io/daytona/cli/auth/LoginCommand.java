package io.daytona.cli.auth;

import io.daytona.cli.CliContext;
import io.daytona.cli.config.CliConfig;
import io.daytona.cli.config.ConfigStore;
import io.daytona.cli.config.Profile;
import io.daytona.model.organization.Organization;
import io.daytona.model.user.User;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaForbiddenException;
import java.io.Console;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daytona login}: checks an API key against the API and stores it in the active profile.
 * There is no browser sign-in (the platform has no identity provider): the key comes from
 * {@code --api-key}, {@code DAYTONA_API_KEY} or a prompt.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Log in to Daytona with an API key.")
public final class LoginCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-key", description = "API key to use for authentication (default: $DAYTONA_API_KEY, else asked for).")
    String apiKey;

    @Option(names = "--api-url", description = "API URL, e.g. http://localhost:3000/api (default: $DAYTONA_API_URL, else the current profile's, else "
            + CliContext.DEFAULT_API_URL + ").")
    String apiUrl;

    public LoginCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        ConfigStore store = context.config();
        CliConfig config = store.load();
        String key = Optional.ofNullable(apiKey).filter(k -> !k.isBlank()).or(() -> context.env(DaytonaConfig.ENV_API_KEY))
                .or(this::prompt).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "Give the API key with --api-key <key> (or DAYTONA_API_KEY)"));
        String url = Optional.ofNullable(apiUrl).filter(u -> !u.isBlank()).or(() -> context.env(DaytonaConfig.ENV_API_URL))
                .or(() -> config.active().map(p -> p.api().url())).orElse(CliContext.DEFAULT_API_URL);
        DaytonaConfig daytonaConfig = DaytonaConfig.builder().apiKey(key.strip()).apiUrl(url).build();
        try (Daytona daytona = new Daytona(daytonaConfig)) {
            User user = daytona.currentUser();
            Optional<Organization> home = homeOrganization(daytona);
            String normalizedUrl = daytonaConfig.apiUrl();
            String id = config.forUrl(normalizedUrl).map(Profile::id).orElse(UUID.randomUUID().toString());
            Profile profile = new Profile(id, profileName(normalizedUrl),
                    new Profile.Api(normalizedUrl, daytonaConfig.apiKey(), home.map(Organization::id).orElse(null)), null, Map.of());
            store.save(config.withActive(profile));
            var out = spec.commandLine().getOut();
            out.println("Logged in to " + normalizedUrl + " as " + user.email()
                    + home.map(org -> " (organization " + org.name() + ")").orElse(""));
            out.flush();
        }
        return 0;
    }

    /**
     * The organization the key belongs to: the only one of the user's, else the one where the
     * server accepts the key with {@code X-Daytona-Organization-ID} (a key of another one is refused).
     */
    static Optional<Organization> homeOrganization(Daytona daytona) {
        List<Organization> organizations = daytona.organization().list();
        if (organizations.size() == 1) {
            return Optional.of(organizations.getFirst());
        }
        for (Organization organization : organizations) {
            try {
                daytona.apiKey().current(organization.id());
                return Optional.of(organization);
            } catch (DaytonaForbiddenException e) {
                // Not this key's organization.
            }
        }
        return Optional.empty();
    }

    private Optional<String> prompt() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("API key: ");
        return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(new String(typed));
    }

    private static String profileName(String apiUrl) {
        URI uri = URI.create(apiUrl);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
