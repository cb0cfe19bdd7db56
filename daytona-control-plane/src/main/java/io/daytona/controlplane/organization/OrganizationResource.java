package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.organization.CreateOrganization;
import io.daytona.model.organization.CreateOrganizationInvitation;
import io.daytona.model.organization.CreateOrganizationRole;
import io.daytona.model.organization.UpdateOrganizationInvitation;
import io.daytona.model.organization.UpdateOrganizationMemberAccess;
import io.daytona.model.organization.UpdateOrganizationQuota;
import io.daytona.model.organization.UpdateOrganizationRegionQuota;
import io.daytona.model.user.CreateUser;
import java.util.Map;

/**
 * {@code /api/organizations}, {@code /api/users} and {@code /api/admin/users}. Organization routes
 * act as the caller's user ({@link Access#user()}): membership of the organization in the path is
 * checked by {@link OrganizationService}. Quotas are set by system administrators only.
 */
public final class OrganizationResource {
    private static final String ORG = "/api/organizations/{organizationId}";

    private final OrganizationService service;
    private final OrganizationQuotas quotas;
    private final Authenticator authenticator;

    public OrganizationResource(OrganizationService service, OrganizationQuotas quotas, Authenticator authenticator) {
        this.service = requireNonNull(service, "service is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        Access user = Access.user();
        api.get("/api/users/me", user, (ex, caller) -> ex.json(200, service.me(caller)));
        api.get("/api/organizations", user, (ex, caller) -> ex.json(200, service.list(caller)));
        api.post("/api/organizations", user, (ex, caller) -> ex.json(201, service.create(caller, ex.body(CreateOrganization.class))));
        api.get("/api/organizations/invitations", user, (ex, caller) -> ex.json(200, service.myInvitations(caller)));
        api.get("/api/organizations/invitations/count", user, (ex, caller) -> ex.json(200, service.myInvitations(caller).size()));
        api.post("/api/organizations/invitations/{invitationId}/accept", user, (ex, caller) ->
                ex.json(200, service.accept(caller, ex.pathParam("invitationId"))));
        api.post("/api/organizations/invitations/{invitationId}/decline", user, (ex, caller) -> {
            service.decline(caller, ex.pathParam("invitationId"));
            ex.status(200);
        });
        api.get(ORG, user, (ex, caller) -> ex.json(200, service.get(caller, org(ex))));
        api.delete(ORG, user, (ex, caller) -> {
            service.delete(caller, org(ex));
            ex.status(204);
        });
        api.patch(ORG + "/default-region", user, (ex, caller) -> {
            Map<?, ?> body = ex.body(Map.class);
            service.setDefaultRegion(caller, org(ex), body.get("defaultRegionId") == null ? null : body.get("defaultRegionId").toString());
            ex.status(204);
        });
        api.post(ORG + "/leave", user, (ex, caller) -> {
            service.leave(caller, org(ex));
            ex.status(204);
        });
        api.get(ORG + "/usage", user, (ex, caller) -> {
            service.get(caller, org(ex));
            ex.json(200, quotas.overview(org(ex)));
        });
        api.patch(ORG + "/quota", Access.systemAdmin(), (ex, caller) -> {
            quotas.update(org(ex), ex.body(UpdateOrganizationQuota.class));
            ex.status(204);
        });
        api.patch(ORG + "/quota/{regionId}", Access.systemAdmin(), (ex, caller) -> {
            quotas.updateRegion(org(ex), ex.pathParam("regionId"), ex.body(UpdateOrganizationRegionQuota.class));
            ex.status(204);
        });
        api.post(ORG + "/suspend", Access.systemAdmin(), (ex, caller) -> {
            service.suspend(caller, org(ex), ex.body(io.daytona.model.organization.OrganizationSuspension.class));
            ex.status(204);
        });
        api.post(ORG + "/unsuspend", Access.systemAdmin(), (ex, caller) -> {
            service.unsuspend(org(ex));
            ex.status(204);
        });
        api.get(ORG + "/roles", user, (ex, caller) -> ex.json(200, service.roles(caller, org(ex))));
        api.post(ORG + "/roles", user, (ex, caller) -> ex.json(201, service.createRole(caller, org(ex), ex.body(CreateOrganizationRole.class))));
        api.put(ORG + "/roles/{roleId}", user, (ex, caller) ->
                ex.json(200, service.updateRole(caller, org(ex), ex.pathParam("roleId"), ex.body(CreateOrganizationRole.class))));
        api.delete(ORG + "/roles/{roleId}", user, (ex, caller) -> {
            service.deleteRole(caller, org(ex), ex.pathParam("roleId"));
            ex.status(204);
        });
        api.get(ORG + "/users", user, (ex, caller) -> ex.json(200, service.members(caller, org(ex))));
        api.post(ORG + "/users/{userId}/access", user, (ex, caller) -> ex.json(200,
                service.updateAccess(caller, org(ex), ex.pathParam("userId"), ex.body(UpdateOrganizationMemberAccess.class))));
        api.delete(ORG + "/users/{userId}", user, (ex, caller) -> {
            service.removeMember(caller, org(ex), ex.pathParam("userId"));
            ex.status(204);
        });
        api.get(ORG + "/invitations", user, (ex, caller) -> ex.json(200, service.invitations(caller, org(ex))));
        api.post(ORG + "/invitations", user, (ex, caller) -> ex.json(201,
                service.invite(caller, org(ex), ex.body(CreateOrganizationInvitation.class))));
        api.put(ORG + "/invitations/{invitationId}", user, (ex, caller) -> ex.json(200,
                service.updateInvitation(caller, org(ex), ex.pathParam("invitationId"), ex.body(UpdateOrganizationInvitation.class))));
        api.post(ORG + "/invitations/{invitationId}/cancel", user.audited("update"), (ex, caller) -> {
            service.cancelInvitation(caller, org(ex), ex.pathParam("invitationId"));
            ex.status(204);
        });
        Access admin = Access.systemAdmin();
        String adminQuota = "/api/admin/organizations/{organizationId}/quota/{regionId}";
        api.get(adminQuota + "/{sandboxClass}", admin, (ex, caller) ->
                ex.json(200, quotas.regionQuota(org(ex), ex.pathParam("regionId"), ex.pathParam("sandboxClass"))));
        api.patch(adminQuota, admin, (ex, caller) -> {
            quotas.updateRegion(org(ex), ex.pathParam("regionId"), ex.body(UpdateOrganizationRegionQuota.class));
            ex.status(204);
        });
        api.get("/api/admin/users", admin, (ex, caller) -> ex.json(200, service.users()));
        api.post("/api/admin/users", admin, (ex, caller) -> {
            var created = service.createUser(ex.body(CreateUser.class));
            ex.request().setAttribute(io.daytona.controlplane.audit.AuditLog.TARGET_ID_ATTRIBUTE, created.user().id());
            ex.json(201, created);
        });
        api.get("/api/admin/users/{id}", admin, (ex, caller) -> ex.json(200, service.user(ex.pathParam("id"))));
    }

    private static String org(io.daytona.http.Exchange ex) {
        String id = ex.pathParam("organizationId");
        if (id.isBlank()) {
            throw ServiceException.badRequest("organizationId is empty");
        }
        return id;
    }
}
