package io.daytona.sdk;

import io.daytona.model.organization.CreateOrganization;
import io.daytona.model.organization.Organization;
import io.daytona.model.organization.OrganizationUser;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The organizations of the key's user ({@code daytona.organization()}): list, create, delete and
 * their members. An API key belongs to one organization; to act in another one, create a key
 * there with {@link ApiKeyService#create(io.daytona.model.apikey.CreateApiKey, String)}.
 *
 * <p>The official Python and TypeScript SDKs have no such service; the Daytona CLI uses these
 * endpoints ({@code daytona organization create|list|use|delete}).
 */
public final class OrganizationService {
    private final HttpTransport transport;
    private final String apiUrl;

    OrganizationService(HttpTransport transport, String apiUrl) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
    }

    /** {@return every organization the key's user is a member of ({@code GET /organizations})} */
    public List<Organization> list() {
        Organization[] organizations = transport.send(HttpCall.get("list organizations", api("/organizations")), Organization[].class);
        return organizations == null ? List.of() : List.of(organizations);
    }

    /**
     * Returns one organization of the key's user ({@code GET /organizations/{id}}).
     *
     * @param organizationId the organization's ID
     * @return the organization
     * @throws DaytonaNotFoundException if the user is not a member of it
     */
    public Organization get(String organizationId) {
        return transport.send(HttpCall.get("get organization", api("/organizations/" + Urls.segment(requireId(organizationId)))),
                Organization.class);
    }

    /**
     * Creates a collaborative organization whose owner is the key's user ({@code POST /organizations}).
     *
     * @param name the organization's name
     * @return the new organization
     * @throws DaytonaForbiddenException if the key is not unrestricted (one with every permission)
     */
    public Organization create(String name) {
        Objects.requireNonNull(name, "name is null");
        return transport.send(HttpCall.post("create organization", api("/organizations"), new CreateOrganization(name, null)),
                Organization.class);
    }

    /**
     * Deletes an organization ({@code DELETE /organizations/{id}}); owners only.
     *
     * @param organizationId the organization's ID
     * @throws DaytonaConflictException while it has sandboxes
     * @throws DaytonaForbiddenException for a personal organization, or a caller who is not an owner
     */
    public void delete(String organizationId) {
        transport.send(HttpCall.delete("delete organization", api("/organizations/" + Urls.segment(requireId(organizationId)))),
                Void.class);
    }

    /**
     * Returns the members of an organization with their roles and assignments ({@code GET /organizations/{id}/users}).
     *
     * @param organizationId the organization's ID
     * @return the members
     */
    public List<OrganizationUser> listMembers(String organizationId) {
        OrganizationUser[] users = transport.send(HttpCall.get("list organization members",
                api("/organizations/" + Urls.segment(requireId(organizationId)) + "/users")), OrganizationUser[].class);
        return users == null ? List.of() : List.of(users);
    }

    private static String requireId(String organizationId) {
        Objects.requireNonNull(organizationId, "organizationId is null");
        if (organizationId.isBlank()) {
            throw new IllegalArgumentException("organizationId is blank");
        }
        return organizationId;
    }

    private URI api(String path) {
        return URI.create(apiUrl + path);
    }
}
