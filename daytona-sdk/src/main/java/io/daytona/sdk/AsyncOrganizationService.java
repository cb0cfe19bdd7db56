package io.daytona.sdk;

import io.daytona.model.organization.Organization;
import io.daytona.model.organization.OrganizationUser;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Organizations through {@link DaytonaAsync}; each method mirrors {@link OrganizationService}. */
public final class AsyncOrganizationService {
    private final OrganizationService organizations;
    private final AsyncCalls calls;

    AsyncOrganizationService(OrganizationService organizations, AsyncCalls calls) {
        this.organizations = organizations;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link OrganizationService#list()}.
     *
     * @return a future of every organization the key's user is a member of
     */
    public CompletableFuture<List<Organization>> list() {
        return calls.supply(organizations::list);
    }

    /**
     * The asynchronous {@link OrganizationService#get(String)}.
     *
     * @param organizationId the organization's ID
     * @return a future of the organization
     */
    public CompletableFuture<Organization> get(String organizationId) {
        return calls.supply(() -> organizations.get(organizationId));
    }

    /**
     * The asynchronous {@link OrganizationService#create(String)}.
     *
     * @param name the organization's name
     * @return a future of the new organization
     */
    public CompletableFuture<Organization> create(String name) {
        return calls.supply(() -> organizations.create(name));
    }

    /**
     * The asynchronous {@link OrganizationService#delete(String)}.
     *
     * @param organizationId the organization's ID
     * @return a future completed when it is deleted
     */
    public CompletableFuture<Void> delete(String organizationId) {
        return calls.run(() -> organizations.delete(organizationId));
    }

    /**
     * The asynchronous {@link OrganizationService#listMembers(String)}.
     *
     * @param organizationId the organization's ID
     * @return a future of the members
     */
    public CompletableFuture<List<OrganizationUser>> listMembers(String organizationId) {
        return calls.supply(() -> organizations.listMembers(organizationId));
    }
}
