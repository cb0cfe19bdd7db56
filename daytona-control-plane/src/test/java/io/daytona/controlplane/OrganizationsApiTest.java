package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, personal and collaborative organizations, invitations, members and assignments, over HTTP. */
class OrganizationsApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void aNewUserHasAnUndeletablePersonalOrganizationAndAKeyThatWorks() {
        TestPlatform.User dana = platform.createUser("Dana", "dana@example.com");
        JsonNode me = platform.call("GET", "/users/me", null, dana.key()).expect(200);
        assertThat(me.get("id").asText()).isEqualTo(dana.id());
        assertThat(me.get("email").asText()).isEqualTo("dana@example.com");
        assertThat(me.get("publicKeys").isArray()).isTrue();

        JsonNode organizations = platform.call("GET", "/organizations", null, dana.key()).expect(200);
        assertThat(organizations).hasSize(1);
        JsonNode personal = organizations.get(0);
        assertThat(personal.get("personal").asBoolean()).isTrue();
        assertThat(personal.get("id").asText()).isEqualTo(dana.organizationId());
        assertThat(personal.get("createdBy").asText()).isEqualTo(dana.id());
        for (String field : List.of("suspended", "maxCpuPerSandbox", "maxMemoryPerSandbox", "maxDiskPerSandbox",
                "snapshotDeactivationTimeoutMinutes", "sandboxLimitedNetworkEgress", "experimentalConfig", "updatedAt")) {
            assertThat(personal.has(field)).as(field).isTrue();
        }
        // Required and not nullable in the SDKs' schema: a number even when not suspended, 24 by default as upstream.
        assertThat(personal.get("suspensionCleanupGracePeriodHours").isInt()).isTrue();
        assertThat(personal.get("suspensionCleanupGracePeriodHours").asInt()).isEqualTo(24);

        TestPlatform.Reply delete = platform.call("DELETE", "/organizations/" + dana.organizationId(), null, dana.key());
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.message()).contains("personal organization cannot be deleted");
        assertThat(platform.call("POST", "/organizations/" + dana.organizationId() + "/leave", null, dana.key()).status()).isEqualTo(403);
        assertThat(platform.call("GET", "/sandbox", null, dana.key()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheAdministratorCreatesUsersAndBadInputIsRefused() {
        TestPlatform.User eve = platform.createUser("Eve", "eve@example.com");
        assertThat(platform.call("POST", "/admin/users", Map.of("name", "x", "email", "x@example.com"), eve.key()).status()).isEqualTo(403);
        assertThat(platform.call("GET", "/admin/users", null, eve.key()).status()).isEqualTo(403);
        assertThat(platform.call("POST", "/admin/users", Map.of("name", "x"), platform.adminKey).message()).contains("email is required");
        assertThat(platform.call("POST", "/admin/users", Map.of("name", "Eve 2", "email", "EVE@example.com"), platform.adminKey).status())
                .isEqualTo(409);
        assertThat(platform.call("GET", "/admin/users/" + eve.id(), null, platform.adminKey).expect(200).get("name").asText()).isEqualTo("Eve");
    }

    @Test
    void anOwnerInvitesAMemberWhoAcceptsActsWithinTheAssignmentsAndIsRemoved() {
        TestPlatform.User owner = platform.createUser("Olga", "olga@example.com");
        TestPlatform.User member = platform.createUser("Mark", "mark@example.com");
        JsonNode team = platform.call("POST", "/organizations", Map.of("name", "Team", "defaultRegionId", "us"), owner.key()).expect(201);
        String teamId = team.get("id").asText();
        assertThat(team.get("personal").asBoolean()).isFalse();
        assertThat(platform.call("POST", "/organizations", Map.of("name", "x", "defaultRegionId", "mars"), owner.key()).message())
                .contains("Region mars not found");

        JsonNode roles = platform.call("GET", "/organizations/" + teamId + "/roles", null, owner.key()).expect(200);
        assertThat(roles.findValuesAsText("name")).contains("Developer", "Sandboxes Admin", "Snapshots Admin", "Registries Admin",
                "Super Admin", "Volumes Admin", "Auditor", "Infrastructure Admin");

        JsonNode invitation = platform.call("POST", "/organizations/" + teamId + "/invitations",
                Map.of("email", "mark@example.com", "role", "member", "assignedRoleIds", List.of("00000000-0000-0000-0000-000000000001")),
                owner.key()).expect(201);
        assertThat(invitation.get("status").asText()).isEqualTo("pending");
        assertThat(invitation.get("organizationName").asText()).isEqualTo("Team");
        assertThat(invitation.get("invitedBy").asText()).isEqualTo("olga@example.com");
        assertThat(invitation.at("/assignedRoles/0/name").asText()).isEqualTo("Developer");
        assertThat(platform.call("POST", "/organizations/" + teamId + "/invitations", Map.of("email", "mark@example.com"), owner.key())
                .status()).as("one pending invitation per address").isEqualTo(409);
        assertThat(platform.call("POST", "/organizations/" + teamId + "/invitations", Map.of("email", "y@example.com"), member.key())
                .status()).as("not a member").isEqualTo(404);

        assertThat(platform.call("GET", "/organizations/invitations/count", null, member.key()).expect(200).asInt()).isEqualTo(1);
        String invitationId = invitation.get("id").asText();
        JsonNode accepted = platform.call("POST", "/organizations/invitations/" + invitationId + "/accept", null, member.key()).expect(200);
        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        assertThat(platform.call("GET", "/organizations", null, member.key()).expect(200)).hasSize(2);

        // The member makes a key in the team: at most what the Developer assignment allows.
        Map<String, String> inTeam = Map.of("X-Daytona-Organization-ID", teamId);
        TestPlatform.Reply tooMuch = platform.call("POST", "/api-keys", Map.of("name", "ci", "permissions", List.of("delete:sandboxes")),
                member.key(), inTeam);
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.message()).contains("delete:sandboxes");
        String teamKey = platform.call("POST", "/api-keys", Map.of("name", "ci", "permissions", List.of("write:sandboxes")),
                member.key(), inTeam).expect(201).get("value").asText();
        String sandbox = platform.call("POST", "/sandbox", Map.of(), teamKey).expect(200).get("id").asText();
        assertThat(platform.call("GET", "/sandbox/" + sandbox, null, owner.key()).status()).as("owner's personal key").isEqualTo(404);
        assertThat(platform.call("DELETE", "/sandbox/" + sandbox, null, teamKey).status()).isEqualTo(403);
        assertThat(platform.call("GET", "/organizations/" + teamId + "/users", null, teamKey).status())
                .as("a narrow key cannot manage, but reads members").isEqualTo(200);
        assertThat(platform.call("DELETE", "/organizations/" + teamId, null, member.key()).status()).isEqualTo(403);

        // Promoting to Sandboxes Admin widens what the member's existing key may do: permissions are key ∩ role.
        JsonNode access = platform.call("POST", "/organizations/" + teamId + "/users/" + member.id() + "/access",
                Map.of("role", "member", "assignedRoleIds", List.of("00000000-0000-0000-0000-000000000002")), owner.key()).expect(200);
        assertThat(access.at("/assignedRoles/0/name").asText()).isEqualTo("Sandboxes Admin");
        assertThat(platform.call("DELETE", "/sandbox/" + sandbox, null, teamKey).status()).as("key lacks delete itself").isEqualTo(403);

        // The last owner cannot step down or leave.
        assertThat(platform.call("POST", "/organizations/" + teamId + "/users/" + owner.id() + "/access",
                Map.of("role", "member", "assignedRoleIds", List.of()), owner.key()).status()).isEqualTo(409);
        assertThat(platform.call("POST", "/organizations/" + teamId + "/leave", null, owner.key()).status()).isEqualTo(409);

        assertThat(platform.call("DELETE", "/organizations/" + teamId, null, owner.key()).status())
                .as("a sandbox is still there").isEqualTo(409);
        platform.call("DELETE", "/organizations/" + teamId + "/users/" + member.id(), null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/sandbox", null, teamKey).status()).as("the removed member's keys are gone").isEqualTo(401);
        assertThat(platform.call("GET", "/organizations/" + teamId, null, member.key()).status()).isEqualTo(404);
    }

    @Test
    void anOwnerDefinesRolesWhosePermissionsReachTheMembersAssignedToThem() {
        TestPlatform.User owner = platform.createUser("Rita", "rita@example.com");
        TestPlatform.User member = platform.createUser("Ravi", "ravi@example.com");
        String teamId = platform.call("POST", "/organizations", Map.of("name", "Roles team", "defaultRegionId", "us"), owner.key())
                .expect(201).get("id").asText();
        String roles = "/organizations/" + teamId + "/roles";
        String invitationId = platform.call("POST", "/organizations/" + teamId + "/invitations",
                Map.of("email", "ravi@example.com", "role", "member", "assignedRoleIds", List.of()), owner.key()).expect(201).get("id").asText();
        platform.call("POST", "/organizations/invitations/" + invitationId + "/accept", null, member.key()).expect(200);
        Map<String, String> inTeam = Map.of("X-Daytona-Organization-ID", teamId);

        JsonNode role = platform.call("POST", roles, Map.of("name", "Image builders", "description", "builds snapshots",
                "permissions", List.of("write:snapshots")), owner.key()).expect(201);
        String roleId = role.get("id").asText();
        assertThat(role.get("isGlobal").asBoolean()).isFalse();
        assertThat(role.get("permissions")).extracting(JsonNode::asText).containsExactly("write:snapshots");
        JsonNode listed = platform.call("GET", roles, null, member.key()).expect(200);
        assertThat(listed.findValuesAsText("name")).contains("Developer", "Image builders");

        Map<String, Object> snapshotsKey = Map.of("name", "builder", "permissions", List.of("write:snapshots"));
        assertThat(platform.call("POST", "/api-keys", snapshotsKey, member.key(), inTeam).status()).as("no assignment yet").isEqualTo(403);
        JsonNode access = platform.call("POST", "/organizations/" + teamId + "/users/" + member.id() + "/access",
                Map.of("role", "member", "assignedRoleIds", List.of(roleId)), owner.key()).expect(200);
        assertThat(access.at("/assignedRoles/0/name").asText()).isEqualTo("Image builders");
        String builderKey = platform.call("POST", "/api-keys", snapshotsKey, member.key(), inTeam).expect(201).get("value").asText();
        platform.call("POST", "/snapshots", Map.of("name", "built-by-ravi", "imageName", "image:1"), builderKey).expect(200);
        assertThat(platform.call("POST", "/api-keys", Map.of("name", "v", "permissions", List.of("write:volumes")), member.key(), inTeam)
                .status()).isEqualTo(403);

        JsonNode changed = platform.call("PUT", roles + "/" + roleId, Map.of("name", "Builders", "description", "snapshots and volumes",
                "permissions", List.of("write:snapshots", "write:volumes", "read:volumes")), owner.key()).expect(200);
        assertThat(changed.get("name").asText()).isEqualTo("Builders");
        String volumesKey = platform.call("POST", "/api-keys", Map.of("name", "volumes", "permissions",
                List.of("write:volumes", "read:volumes")), member.key(), inTeam).expect(201).get("value").asText();
        platform.call("POST", "/volumes", Map.of("name", "v"), volumesKey).expect(200);

        platform.call("DELETE", roles + "/" + roleId, null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/organizations/" + teamId + "/users", null, owner.key()).expect(200).findValues("assignedRoles"))
                .allMatch(JsonNode::isEmpty);
        assertThat(platform.call("POST", "/volumes", Map.of("name", "w"), volumesKey).status()).as("the role is gone").isEqualTo(403);
        assertThat(platform.call("POST", "/snapshots", Map.of("name", "again", "imageName", "image:1"), builderKey).status()).isEqualTo(403);
        assertThat(platform.call("GET", roles, null, owner.key()).expect(200).findValuesAsText("name")).doesNotContain("Builders");
    }

    @Test
    void rolesAreCheckedAndOnlyTheOwnersOwnRolesChange() {
        TestPlatform.User owner = platform.createUser("Sam", "sam@example.com");
        String teamId = platform.call("POST", "/organizations", Map.of("name", "Checks", "defaultRegionId", "us"), owner.key())
                .expect(201).get("id").asText();
        String roles = "/organizations/" + teamId + "/roles";
        assertThat(platform.call("POST", roles, Map.of("name", "x", "description", "", "permissions", List.of("fly:planes")), owner.key())
                .message()).contains("unknown permission 'fly:planes'");
        assertThat(platform.call("POST", roles, Map.of("name", "x", "description", "", "permissions", List.of()), owner.key()).status())
                .isEqualTo(400);
        assertThat(platform.call("POST", roles, Map.of("description", "", "permissions", List.of("read:volumes")), owner.key()).message())
                .contains("name is required");
        assertThat(platform.call("POST", roles, Map.of("name", "Developer", "description", "", "permissions", List.of("read:volumes")),
                owner.key()).status()).as("a global role's name").isEqualTo(409);
        platform.call("POST", roles, Map.of("name", "Readers", "description", "", "permissions", List.of("read:volumes")), owner.key())
                .expect(201);
        assertThat(platform.call("POST", roles, Map.of("name", "readers", "description", "", "permissions", List.of("read:volumes")),
                owner.key()).status()).isEqualTo(409);

        String global = "00000000-0000-0000-0000-000000000001";
        Map<String, Object> body = Map.of("name", "Mine", "description", "", "permissions", List.of("read:volumes"));
        assertThat(platform.call("PUT", roles + "/" + global, body, owner.key()).status()).isEqualTo(403);
        assertThat(platform.call("DELETE", roles + "/" + global, null, owner.key()).status()).isEqualTo(403);
        assertThat(platform.call("PUT", roles + "/missing", body, owner.key()).status()).isEqualTo(404);
        assertThat(platform.call("DELETE", roles + "/missing", null, owner.key()).status()).isEqualTo(404);
        assertThat(platform.call("POST", "/organizations/" + teamId + "/invitations",
                Map.of("email", "z@example.com", "assignedRoleIds", List.of("missing")), owner.key()).message()).contains("unknown role id");

        TestPlatform.User stranger = platform.createUser("Stan", "stan@example.com");
        assertThat(platform.call("POST", roles, body, stranger.key()).status()).isEqualTo(404);
    }

    @Test
    void aSuspendedOrganizationsKeysAreRefusedUntilTheSuspensionIsLiftedOrEnds() {
        TestPlatform.User user = platform.createUser("Sue", "sue@example.com");
        String org = "/organizations/" + user.organizationId();
        java.time.Instant until = platform.clock.instant().plus(java.time.Duration.ofDays(1));
        assertThat(platform.call("POST", org + "/suspend", Map.of("reason", "abuse", "until", until.toString()), user.key()).status())
                .as("administrators only").isEqualTo(403);
        assertThat(platform.call("POST", org + "/suspend", Map.of("reason", "abuse"), platform.adminKey).message()).contains("until");
        assertThat(platform.call("POST", org + "/suspend", Map.of("until", until.toString()), platform.adminKey).message())
                .contains("reason");

        platform.call("POST", org + "/suspend", Map.of("reason", "unpaid invoices", "until", until.toString()), platform.adminKey)
                .expect(204);
        TestPlatform.Reply refused = platform.call("GET", "/sandbox", null, user.key());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("suspended until " + until).contains("unpaid invoices");
        platform.call("POST", org + "/unsuspend", null, platform.adminKey).expect(204);
        JsonNode organization = platform.call("GET", org, null, user.key()).expect(200);
        assertThat(organization.get("suspended").asBoolean()).isFalse();

        platform.call("POST", org + "/suspend", Map.of("reason", "a day off", "until", until.toString()), platform.adminKey).expect(204);
        assertThat(platform.call("GET", "/sandbox", null, user.key()).status()).isEqualTo(403);
        platform.clock.advance(java.time.Duration.ofDays(2));
        assertThat(platform.call("GET", "/sandbox", null, user.key()).status()).as("the suspension ran out").isEqualTo(200);
    }

    @Test
    void anOrganizationWhoseVolumesAndSandboxesAreDeletedCanBeDeleted() throws Exception {
        TestPlatform.User owner = platform.createUser("Vera", "vera@example.com");
        String teamId = platform.call("POST", "/organizations", Map.of("name", "Short-lived", "defaultRegionId", "us"), owner.key())
                .expect(201).get("id").asText();
        String key = platform.call("POST", "/api-keys", Map.of("name", "all", "permissions", List.of("write:sandboxes",
                "delete:sandboxes", "read:volumes", "write:volumes", "delete:volumes")), owner.key(),
                Map.of("X-Daytona-Organization-ID", teamId)).expect(201).get("value").asText();
        String volumeId = platform.call("POST", "/volumes", Map.of("name", "data"), key).expect(200).get("id").asText();
        for (int i = 0; i < 200 && !platform.call("GET", "/volumes/" + volumeId, null, key).expect(200).get("state").asText().equals("ready"); i++) {
            Thread.sleep(50);
        }
        String sandboxId = platform.call("POST", "/sandbox", Map.of("volumes", List.of(Map.of("volumeId", volumeId, "mountPath", "/data"))),
                key).expect(200).get("id").asText();
        assertThat(platform.call("DELETE", "/organizations/" + teamId, null, owner.key()).status()).isEqualTo(409);
        platform.call("DELETE", "/sandbox/" + sandboxId, null, key).expect(200);
        for (int i = 0; i < 200 && platform.call("DELETE", "/volumes/" + volumeId, null, key).status() == 409; i++) {
            Thread.sleep(50);
        }
        for (int i = 0; i < 200 && platform.call("GET", "/volumes/" + volumeId, null, key).status() == 200; i++) {
            Thread.sleep(50);
        }

        platform.call("DELETE", "/organizations/" + teamId, null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/organizations/" + teamId, null, owner.key()).status()).isEqualTo(404);
    }

    @Test
    void invitationsCanBeDeclinedCancelledAndUpdated() {
        TestPlatform.User owner = platform.createUser("Paul", "paul@example.com");
        TestPlatform.User guest = platform.createUser("Gina", "gina@example.com");
        String teamId = platform.call("POST", "/organizations", Map.of("name", "Guests"), owner.key()).expect(201).get("id").asText();
        String first = platform.call("POST", "/organizations/" + teamId + "/invitations", Map.of("email", "gina@example.com"), owner.key())
                .expect(201).get("id").asText();
        JsonNode updated = platform.call("PUT", "/organizations/" + teamId + "/invitations/" + first,
                Map.of("role", "owner", "assignedRoleIds", List.of()), owner.key()).expect(200);
        assertThat(updated.get("role").asText()).isEqualTo("owner");
        platform.call("POST", "/organizations/invitations/" + first + "/decline", null, guest.key()).expect(200);
        assertThat(platform.call("GET", "/organizations/invitations", null, guest.key()).expect(200)).isEmpty();

        String second = platform.call("POST", "/organizations/" + teamId + "/invitations", Map.of("email", "gina@example.com"), owner.key())
                .expect(201).get("id").asText();
        platform.call("POST", "/organizations/" + teamId + "/invitations/" + second + "/cancel", null, owner.key()).expect(204);
        assertThat(platform.call("POST", "/organizations/invitations/" + second + "/accept", null, guest.key()).status()).isEqualTo(404);
        JsonNode all = platform.call("GET", "/organizations/" + teamId + "/invitations", null, owner.key()).expect(200);
        assertThat(all.findValuesAsText("status")).containsExactlyInAnyOrder("declined", "cancelled");

        platform.call("DELETE", "/organizations/" + teamId, null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/organizations", null, owner.key()).expect(200)).hasSize(1);
    }
}
