package io.daytona.cli.organization;

import io.daytona.cli.CliContext;
import io.daytona.cli.CliException;
import io.daytona.cli.config.CliConfig;
import io.daytona.cli.config.ConfigStore;
import io.daytona.cli.config.Profile;
import io.daytona.model.apikey.CreateApiKey;
import io.daytona.model.organization.Organization;
import io.daytona.model.organization.OrganizationRole;
import io.daytona.model.organization.OrganizationUser;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Switching the active organization. An API key belongs to one organization (the server refuses
 * {@code X-Daytona-Organization-ID} naming another), so {@code organization use} keeps one key
 * per organization in the profile: the login key for its own, and for any other a key this CLI
 * creates there ({@code POST /api-keys} with {@code X-Daytona-Organization-ID}), with the login
 * key's permissions as far as the user's role there allows. Logging out deletes those keys.
 */
final class OrganizationSwitch {
    private final CliContext context;

    OrganizationSwitch(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    /** {@return a client with the key given to {@code daytona login} (or {@code DAYTONA_API_KEY})} */
    Daytona loginClient() {
        if (context.env(DaytonaConfig.ENV_API_KEY).isPresent()) {
            return context.client();
        }
        Profile profile = profile();
        return new Daytona(DaytonaConfig.builder().apiKey(profile.api().key()).apiUrl(profile.api().url()).build());
    }

    Profile profile() {
        return context.profile().orElseThrow(() -> new CliException("Not logged in: run `daytona login --api-key <key>` first"));
    }

    /** {@return the organization with this ID or name among the user's} */
    static Organization find(Daytona daytona, String idOrName) {
        List<Organization> organizations = daytona.organization().list();
        return organizations.stream().filter(org -> org.id().equals(idOrName)).findFirst()
                .or(() -> organizations.stream().filter(org -> org.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new CliException("Organization " + idOrName + " not found; see `daytona organization list`"));
    }

    /** Makes {@code organization} the active one, creating a key there if the profile has none. */
    void use(Daytona login, Organization organization) {
        if (context.env(DaytonaConfig.ENV_API_KEY).isPresent()) {
            throw new CliException("DAYTONA_API_KEY is set: its key decides the organization; unset it to switch with `daytona organization use`");
        }
        ConfigStore store = context.config();
        CliConfig config = store.load();
        Profile profile = profile();
        Profile updated;
        if (organization.id().equals(profile.api().organizationId())) {
            updated = profile.withActiveOrganization(null);
        } else if (profile.organizationKeys().containsKey(organization.id())) {
            updated = profile.withActiveOrganization(organization.id());
        } else {
            String name = "daytona-cli-" + UUID.randomUUID().toString().substring(0, 8);
            var created = login.apiKey().create(new CreateApiKey(name, List.copyOf(permissions(login, organization)), null), organization.id());
            updated = profile.withOrganizationKey(organization.id(), new Profile.OrganizationKey(name, created.value()))
                    .withActiveOrganization(organization.id());
        }
        store.save(config.withActive(updated));
    }

    /** Forgets the key of a deleted organization; the login key's organization becomes active if it was. */
    void forget(String organizationId) {
        if (context.env(DaytonaConfig.ENV_API_KEY).isPresent() || context.profile().isEmpty()) {
            return;
        }
        ConfigStore store = context.config();
        CliConfig config = store.load();
        Profile profile = profile().withoutOrganizationKey(organizationId);
        if (organizationId.equals(profile.activeOrganizationId())) {
            profile = profile.withActiveOrganization(null);
        }
        store.save(config.withActive(profile));
    }

    /** {@return the active organization's ID, if known} */
    String activeOrganizationId() {
        return context.profile().map(p -> p.activeOrganizationId() != null ? p.activeOrganizationId() : p.api().organizationId()).orElse(null);
    }

    /** What the new key may do: the login key's permissions, less what the user's role there does not allow. */
    private static Set<String> permissions(Daytona login, Organization organization) {
        Set<String> permissions = new LinkedHashSet<>(login.apiKey().current().permissions());
        String userId = login.currentUser().id();
        OrganizationUser member = login.organization().listMembers(organization.id()).stream()
                .filter(user -> user.userId().equals(userId)).findFirst()
                .orElseThrow(() -> new CliException("You are not a member of organization " + organization.name()));
        if (!"owner".equals(member.role())) {
            Set<String> allowed = new LinkedHashSet<>();
            member.assignedRoles().stream().map(OrganizationRole::permissions).forEach(allowed::addAll);
            permissions.retainAll(allowed);
        }
        return permissions;
    }
}
