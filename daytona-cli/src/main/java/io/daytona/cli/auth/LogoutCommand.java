package io.daytona.cli.auth;

import io.daytona.cli.CliContext;
import io.daytona.cli.config.CliConfig;
import io.daytona.cli.config.ConfigStore;
import io.daytona.cli.config.Profile;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code daytona logout}: removes the active profile, first deleting on the server the keys this
 * CLI created for other organizations ({@code organization use}); the login key itself is the
 * user's and stays.
 */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Log out from Daytona.")
public final class LogoutCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    public LogoutCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        ConfigStore store = context.config();
        CliConfig config = store.load();
        Optional<Profile> active = config.active();
        var out = spec.commandLine().getOut();
        if (active.isEmpty()) {
            out.println("Not logged in");
            out.flush();
            return;
        }
        Profile profile = active.get();
        for (Map.Entry<String, Profile.OrganizationKey> entry : profile.organizationKeys().entrySet()) {
            Profile.OrganizationKey key = entry.getValue();
            try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(key.key()).apiUrl(profile.api().url()).build())) {
                daytona.apiKey().delete(key.name());
            } catch (DaytonaException e) {
                spec.commandLine().getErr().println("Could not delete API key " + key.name() + " of organization " + entry.getKey()
                        + ": " + e.getMessage());
            }
        }
        store.save(config.without(profile.id()));
        out.println("Logged out from " + profile.api().url());
        out.flush();
    }
}
