package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeyRepository;
import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.OrganizationRepository.InvitationRow;
import io.daytona.controlplane.organization.OrganizationRepository.MemberRow;
import io.daytona.controlplane.organization.OrganizationRepository.OrganizationRow;
import io.daytona.controlplane.organization.OrganizationRepository.UserRow;
import io.daytona.http.ServiceException;
import io.daytona.model.organization.CreateOrganization;
import io.daytona.model.organization.CreateOrganizationInvitation;
import io.daytona.model.organization.CreateOrganizationRole;
import io.daytona.model.organization.Organization;
import io.daytona.model.organization.OrganizationInvitation;
import io.daytona.model.organization.OrganizationRole;
import io.daytona.model.organization.OrganizationSuspension;
import io.daytona.model.organization.OrganizationUser;
import io.daytona.model.organization.UpdateOrganizationInvitation;
import io.daytona.model.organization.UpdateOrganizationMemberAccess;
import io.daytona.model.user.CreateUser;
import io.daytona.model.user.CreatedUser;
import io.daytona.model.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Organizations, members, invitations and users. Organization endpoints act as the caller's user:
 * an organization the user is not a member of does not exist for it (404); changes need the
 * owner role and an unrestricted key (one with every permission, as a user's first key is), so a
 * narrow CI key cannot manage organizations.
 */
public final class OrganizationService {
    static final String OWNER = "owner";
    static final String MEMBER = "member";
    private static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    /** Upstream's default for suspensionCleanupGracePeriodHours (stored, not acted on here). */
    private static final int DEFAULT_SUSPENSION_CLEANUP_GRACE_PERIOD_HOURS = 24;

    private final OrganizationRepository repository;
    private final String region;
    private final Clock clock;
    private final OrganizationRoles roles;
    private final java.util.function.BiPredicate<String, String> regionUsable;

    /** A service for a server whose only region is {@code region}. */
    public OrganizationService(OrganizationRepository repository, String region, Clock clock) {
        this(repository, region, clock, (organizationId, regionId) -> regionId.equals(region));
    }

    /**
     * @param regionUsable whether an organization (by id) may use a region (by id): the shared
     *     regions and its own
     */
    public OrganizationService(OrganizationRepository repository, String region, Clock clock,
                               java.util.function.BiPredicate<String, String> regionUsable) {
        this.repository = requireNonNull(repository, "repository is null");
        this.region = requireNonNull(region, "region is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.roles = new OrganizationRoles(repository.jdbi(), clock);
        this.regionUsable = requireNonNull(regionUsable, "regionUsable is null");
    }

    // ---- users

    /** Creates a user with its personal organization and a first API key with every permission there. */
    public CreatedUser createUser(CreateUser request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw ServiceException.badRequest("name is required (1-255 characters)");
        }
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 255) {
            throw ServiceException.badRequest("email is required and must be an address such as ada@example.com; invitations are sent to it");
        }
        String role = request.role() == null ? "user" : request.role();
        if (!role.equals("user") && !role.equals("admin")) {
            throw ServiceException.badRequest("role must be 'user' or 'admin', got '%s'", role);
        }
        if (repository.emailTaken(email)) {
            throw ServiceException.conflict("A user with email %s already exists", email);
        }
        String id = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString() : request.id().strip();
        if (id.length() > 36 || repository.findUser(id).isPresent()) {
            throw ServiceException.conflict("User id %s is taken or longer than 36 characters; omit id to get a UUID", id);
        }
        String organizationId = UUID.randomUUID().toString();
        String key = ApiKeys.generate();
        Instant now = clock.instant();
        repository.jdbi().useTransaction(handle -> {
            OrganizationRepository.insertUser(handle, id, request.name().strip(), email, role, now);
            OrganizationRepository.insertOrganization(handle, organizationId, "Personal", true, id, region, now);
            OrganizationRepository.insertMember(handle, organizationId, id, OWNER, List.of(), now);
            ApiKeyRepository.insert(handle, organizationId, id, "default", key, EnumSet.allOf(Permission.class), now, null);
        });
        return new CreatedUser(user(repository.findUser(id).orElseThrow()), organizationId, key);
    }

    public User me(Caller caller) {
        return user(repository.findUser(caller.userId()).orElseThrow(() -> ServiceException.notFound("User %s not found", caller.userId())));
    }

    public List<User> users() {
        return repository.listUsers().stream().map(OrganizationService::user).toList();
    }

    public User user(String id) {
        return user(repository.findUser(id).orElseThrow(() -> ServiceException.notFound("User %s not found", id)));
    }

    /** What a user may do in an organization, if it is a member there. */
    public Optional<Set<Permission>> memberPermissions(String organizationId, String userId) {
        return repository.findMember(organizationId, userId)
                .map(m -> roles.permissionsOf(organizationId, m.role(), OrganizationRoles.format(m.roleIds())));
    }

    // ---- organizations

    public List<Organization> list(Caller caller) {
        return repository.listForUser(caller.userId()).stream().map(this::organization).toList();
    }

    public Organization create(Caller caller, CreateOrganization request) {
        requireManagingKey(caller);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw ServiceException.badRequest("name is required (1-255 characters)");
        }
        String regionId = request.defaultRegionId() == null || request.defaultRegionId().isBlank() ? region : request.defaultRegionId();
        String id = UUID.randomUUID().toString();
        requireRegion(id, regionId);
        Instant now = clock.instant();
        repository.jdbi().useTransaction(handle -> {
            OrganizationRepository.insertOrganization(handle, id, request.name().strip(), false, caller.userId(), regionId, now);
            OrganizationRepository.insertMember(handle, id, caller.userId(), OWNER, List.of(), now);
        });
        return organization(repository.find(id).orElseThrow());
    }

    public Organization get(Caller caller, String organizationId) {
        membership(caller, organizationId);
        return organization(repository.find(organizationId).orElseThrow());
    }

    public OrganizationRow row(String organizationId) {
        return repository.find(organizationId).orElseThrow(() -> ServiceException.notFound("Organization %s not found", organizationId));
    }

    public void delete(Caller caller, String organizationId) {
        OrganizationRow organization = owned(caller, organizationId);
        if (organization.personal()) {
            throw ServiceException.forbidden("A personal organization cannot be deleted");
        }
        long live = repository.liveSandboxes(organizationId);
        if (live > 0) {
            throw ServiceException.conflict("Organization %s still has %d sandbox(es); delete them first", organizationId, live);
        }
        try {
            repository.delete(organizationId);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            // Another module's rows (snapshots, volumes, registries…) still point at the organization.
            throw ServiceException.conflict("Organization %s still owns resources (snapshots, volumes, registries); delete them first",
                    organizationId);
        }
    }

    /** A system administrator suspends an organization: every key of it is refused until {@code until}. */
    public void suspend(Caller caller, String organizationId, OrganizationSuspension request) {
        row(organizationId);
        if (organizationId.equals(caller.organizationId())) {
            throw ServiceException.badRequest("You cannot suspend the organization of the key you call with");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1024) {
            throw ServiceException.badRequest("reason is required (1-1024 characters); it is shown to the organization's callers");
        }
        Instant now = clock.instant();
        if (request.until() == null || !request.until().isAfter(now)) {
            throw ServiceException.badRequest("until is required and must be in the future, got %s", request.until());
        }
        Integer grace = request.suspensionCleanupGracePeriodHours();
        if (grace != null && grace < 0) {
            throw ServiceException.badRequest("suspensionCleanupGracePeriodHours must not be negative, got %d", grace);
        }
        repository.suspend(organizationId, now, request.until(), request.reason().strip(), grace, now);
    }

    public void unsuspend(String organizationId) {
        row(organizationId);
        repository.suspend(organizationId, null, null, null, null, clock.instant());
    }

    public void setDefaultRegion(Caller caller, String organizationId, String regionId) {
        owned(caller, organizationId);
        if (regionId == null || regionId.isBlank()) {
            throw ServiceException.badRequest("defaultRegionId is required; this server has region %s", region);
        }
        requireRegion(organizationId, regionId);
        repository.setDefaultRegion(organizationId, regionId, clock.instant());
    }

    public void leave(Caller caller, String organizationId) {
        requireManagingKey(caller);
        MemberRow member = membership(caller, organizationId);
        if (row(organizationId).personal()) {
            throw ServiceException.forbidden("You cannot leave your personal organization");
        }
        if (member.role().equals(OWNER) && repository.owners(organizationId) == 1) {
            throw ServiceException.conflict("You are the only owner of organization %s; make another member owner, or delete it", organizationId);
        }
        repository.removeMember(organizationId, caller.userId());
    }

    // ---- members

    public List<OrganizationRole> roles(Caller caller, String organizationId) {
        membership(caller, organizationId);
        return roles.list(organizationId).stream().map(Role::view).toList();
    }

    public OrganizationRole createRole(Caller caller, String organizationId, CreateOrganizationRole request) {
        owned(caller, organizationId);
        return roles.create(organizationId, request).view();
    }

    public OrganizationRole updateRole(Caller caller, String organizationId, String roleId, CreateOrganizationRole request) {
        owned(caller, organizationId);
        return roles.update(organizationId, roleId, request).view();
    }

    public void deleteRole(Caller caller, String organizationId, String roleId) {
        owned(caller, organizationId);
        roles.delete(organizationId, roleId);
    }

    public List<OrganizationUser> members(Caller caller, String organizationId) {
        membership(caller, organizationId);
        return repository.members(organizationId).stream().map(this::member).toList();
    }

    public OrganizationUser updateAccess(Caller caller, String organizationId, String userId, UpdateOrganizationMemberAccess request) {
        owned(caller, organizationId);
        MemberRow member = repository.findMember(organizationId, userId)
                .orElseThrow(() -> ServiceException.notFound("User %s is not a member of organization %s", userId, organizationId));
        String role = role(request.role());
        List<String> assignments = roles.checkAssignable(organizationId, request.assignedRoleIds());
        if (member.role().equals(OWNER) && !role.equals(OWNER) && repository.owners(organizationId) == 1) {
            throw ServiceException.conflict("User %s is the only owner; make another member owner first", userId);
        }
        repository.updateMember(organizationId, userId, role, assignments, clock.instant());
        return member(repository.findMember(organizationId, userId).orElseThrow());
    }

    public void removeMember(Caller caller, String organizationId, String userId) {
        owned(caller, organizationId);
        MemberRow member = repository.findMember(organizationId, userId)
                .orElseThrow(() -> ServiceException.notFound("User %s is not a member of organization %s", userId, organizationId));
        if (row(organizationId).personal()) {
            throw ServiceException.forbidden("No one can be removed from a personal organization");
        }
        if (member.role().equals(OWNER) && repository.owners(organizationId) == 1) {
            throw ServiceException.conflict("User %s is the only owner; make another member owner first", userId);
        }
        repository.removeMember(organizationId, userId);
    }

    // ---- invitations

    public List<OrganizationInvitation> invitations(Caller caller, String organizationId) {
        owned(caller, organizationId);
        return repository.invitations(organizationId).stream().map(this::invitation).toList();
    }

    public OrganizationInvitation invite(Caller caller, String organizationId, CreateOrganizationInvitation request) {
        OrganizationRow organization = owned(caller, organizationId);
        if (organization.personal()) {
            throw ServiceException.forbidden("A personal organization has a single user; create an organization to invite others");
        }
        String email = request.email() == null ? "" : request.email().strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 255) {
            throw ServiceException.badRequest("email must be an address such as ada@example.com, got '%s'", email);
        }
        boolean alreadyMember = repository.members(organizationId).stream().anyMatch(m -> m.email().equalsIgnoreCase(email));
        if (alreadyMember) {
            throw ServiceException.conflict("%s is already a member of organization %s", email, organizationId);
        }
        boolean pending = repository.invitations(organizationId).stream()
                .anyMatch(i -> i.email().equalsIgnoreCase(email) && i.status().equals("pending") && i.expiresAt().isAfter(clock.instant()));
        if (pending) {
            throw ServiceException.conflict("%s already has a pending invitation; update or cancel it", email);
        }
        String role = request.role() == null ? MEMBER : role(request.role());
        List<String> assignments = request.assignedRoleIds() == null ? List.of(AssignedRole.DEVELOPER.id())
                : roles.checkAssignable(organizationId, request.assignedRoleIds());
        Instant now = clock.instant();
        Instant expiresAt = expiry(request.expiresAt(), now);
        String id = UUID.randomUUID().toString();
        repository.insertInvitation(new InvitationRow(id, organizationId, organization.name(), email, caller.email(), role, assignments,
                "pending", expiresAt, now, now));
        return invitation(repository.findInvitation(id).orElseThrow());
    }

    public OrganizationInvitation updateInvitation(Caller caller, String organizationId, String invitationId,
                                                   UpdateOrganizationInvitation request) {
        owned(caller, organizationId);
        InvitationRow invitation = pendingInvitation(organizationId, invitationId);
        Instant now = clock.instant();
        repository.updateInvitation(invitationId, role(request.role()), roles.checkAssignable(organizationId, request.assignedRoleIds()),
                request.expiresAt() == null ? invitation.expiresAt() : expiry(request.expiresAt(), now), now);
        return invitation(repository.findInvitation(invitationId).orElseThrow());
    }

    public void cancelInvitation(Caller caller, String organizationId, String invitationId) {
        owned(caller, organizationId);
        pendingInvitation(organizationId, invitationId);
        if (!repository.settleInvitation(invitationId, "cancelled", clock.instant())) {
            throw ServiceException.conflict("Invitation %s is no longer pending", invitationId);
        }
    }

    public List<OrganizationInvitation> myInvitations(Caller caller) {
        return repository.pendingFor(me(caller).email(), clock.instant()).stream().map(this::invitation).toList();
    }

    public OrganizationInvitation accept(Caller caller, String invitationId) {
        requireManagingKey(caller);
        InvitationRow invitation = myInvitation(caller, invitationId);
        if (repository.findMember(invitation.organizationId(), caller.userId()).isPresent()) {
            repository.settleInvitation(invitationId, "accepted", clock.instant());
            throw ServiceException.conflict("You are already a member of organization %s", invitation.organizationId());
        }
        if (!repository.accept(invitation, caller.userId(), clock.instant())) {
            throw ServiceException.conflict("Invitation %s is no longer pending", invitationId);
        }
        return invitation(repository.findInvitation(invitationId).orElseThrow());
    }

    public void decline(Caller caller, String invitationId) {
        requireManagingKey(caller);
        myInvitation(caller, invitationId);
        if (!repository.settleInvitation(invitationId, "declined", clock.instant())) {
            throw ServiceException.conflict("Invitation %s is no longer pending", invitationId);
        }
    }

    private InvitationRow myInvitation(Caller caller, String invitationId) {
        String email = me(caller).email();
        return repository.findInvitation(invitationId)
                .filter(i -> i.email().equalsIgnoreCase(email))
                .filter(i -> i.status().equals("pending") && i.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ServiceException.notFound("Pending invitation %s not found for %s", invitationId, email));
    }

    private InvitationRow pendingInvitation(String organizationId, String invitationId) {
        InvitationRow invitation = repository.findInvitation(invitationId)
                .filter(i -> i.organizationId().equals(organizationId))
                .orElseThrow(() -> ServiceException.notFound("Invitation %s not found in organization %s", invitationId, organizationId));
        if (!invitation.status().equals("pending")) {
            throw ServiceException.conflict("Invitation %s is %s, no longer pending", invitationId, invitation.status());
        }
        return invitation;
    }

    // ---- rules

    /** The caller's membership of the organization; 404 when there is none, so other organizations stay invisible. */
    MemberRow membership(Caller caller, String organizationId) {
        return repository.findMember(organizationId, caller.userId())
                .orElseThrow(() -> ServiceException.notFound("Organization %s not found", organizationId));
    }

    private OrganizationRow owned(Caller caller, String organizationId) {
        MemberRow member = membership(caller, organizationId);
        requireManagingKey(caller);
        if (!member.role().equals(OWNER)) {
            throw ServiceException.forbidden("Only an owner of organization %s may do this", organizationId);
        }
        return row(organizationId);
    }

    private static void requireManagingKey(Caller caller) {
        if (!caller.unrestricted()) {
            throw ServiceException.forbidden("Managing organizations needs an API key with every permission (a user's first key is one); "
                    + "this key has %s", caller.permissions().stream().map(Permission::wireValue).sorted().toList());
        }
    }

    private void requireRegion(String organizationId, String regionId) {
        if (!regionUsable.test(organizationId, regionId)) {
            throw ServiceException.badRequest("Region %s not found; use a region of GET /api/regions (this server's default is %s)",
                    regionId, region);
        }
    }

    private static String role(String role) {
        if (OWNER.equals(role) || MEMBER.equals(role)) {
            return role;
        }
        throw ServiceException.badRequest("role must be 'owner' or 'member', got '%s'", role);
    }

    private static Instant expiry(Instant requested, Instant now) {
        if (requested == null) {
            return now.plus(INVITATION_VALIDITY);
        }
        if (!requested.isAfter(now)) {
            throw ServiceException.badRequest("expiresAt %s is not in the future", requested);
        }
        return requested;
    }

    // ---- views

    static User user(UserRow row) {
        return new User(row.id(), row.name(), row.email(), List.of(), row.createdAt());
    }

    Organization organization(OrganizationRow row) {
        boolean suspended = row.suspended(clock.instant());
        return new Organization(row.id(), row.name(), row.createdBy(), row.personal(), row.createdAt(), row.updatedAt(),
                suspended, suspended ? row.suspendedAt() : null, suspended ? row.suspensionReason() : null,
                suspended ? row.suspendedUntil() : null, gracePeriodHours(suspended ? row.suspensionCleanupGracePeriodHours() : null),
                row.maxCpuPerSandbox(), row.maxMemoryPerSandbox(), row.maxDiskPerSandbox(),
                20160, false, row.defaultRegionId(), row.authenticatedRateLimit(), row.sandboxCreateRateLimit(),
                row.sandboxLifecycleRateLimit(), Map.of(), null, row.authenticatedRateLimitTtl(), row.sandboxCreateRateLimitTtl(),
                row.sandboxLifecycleRateLimitTtl());
    }

    /**
     * The SDKs' schema requires a number here even for an organization that is not suspended (their
     * generated models reject null); upstream's column defaults to 24 hours.
     */
    private static int gracePeriodHours(Integer stored) {
        return stored == null ? DEFAULT_SUSPENSION_CLEANUP_GRACE_PERIOD_HOURS : stored;
    }

    private OrganizationUser member(MemberRow row) {
        return new OrganizationUser(row.userId(), row.organizationId(), row.name(), row.email(), row.role(),
                roleViews(row.organizationId(), row.roleIds()), row.createdAt(), row.updatedAt());
    }

    private OrganizationInvitation invitation(InvitationRow row) {
        return new OrganizationInvitation(row.id(), row.email(), row.invitedBy(), row.organizationId(), row.organizationName(),
                row.expiresAt(), row.status(), row.role(), roleViews(row.organizationId(), row.roleIds()), row.createdAt(),
                row.updatedAt());
    }

    private List<OrganizationRole> roleViews(String organizationId, List<String> roleIds) {
        return roles.resolve(organizationId, roleIds).stream().map(Role::view).toList();
    }
}
