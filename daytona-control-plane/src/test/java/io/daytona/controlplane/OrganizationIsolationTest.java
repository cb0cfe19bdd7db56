package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key of organization B sees and changes nothing of organization A, on every route of the
 * router: the routes are read off the running control plane, so a route added later is covered
 * without touching this test, and one that does not declare its {@link Access} fails it.
 */
class OrganizationIsolationTest {
    /** The only routes anyone may call without credentials; a new one must be added here on purpose. */
    private static final Set<String> ANONYMOUS = Set.of("GET /api/config", "GET /api/health", "GET /api/health/ready");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** A body that parses as any request of the API, so that routes reach their ownership checks. */
    private static final Map<String, Object> BODY = Map.of("labels", Map.of("probe", "b"), "name", "probe-of-b",
            "permissions", List.of(), "role", "member", "assignedRoleIds", List.of(), "email", "probe@b.test",
            "defaultRegionId", "us", "cpu", 1);

    @TempDir
    static Path data;
    private static TestPlatform platform;
    private static TestPlatform.User alice;
    private static TestPlatform.User bob;
    private static String teamId;
    private static String sandboxId;
    private static String invitationId;
    private static String roleId;
    private static String volumeId;
    private static String snapshotId;
    private static String registryId;
    private static String regionId;
    private static String runnerId;
    /** Everything of A that must never appear in an answer to B. */
    private static List<String> secrets;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
        alice = platform.createUser("Alice", "alice-" + System.nanoTime() + "@a.test");
        bob = platform.createUser("Bob", "bob@b.test");
        sandboxId = platform.call("POST", "/sandbox", Map.of("name", "alice-box-7d1f", "labels", Map.of("team", "alice-label-91c2")),
                alice.key()).expect(200).get("id").asText();
        teamId = platform.call("POST", "/organizations", Map.of("name", "alice-team-5e0a"), alice.key()).expect(201).get("id").asText();
        invitationId = platform.call("POST", "/organizations/" + teamId + "/invitations", Map.of("email", "carol@a.test"), alice.key())
                .expect(201).get("id").asText();
        platform.call("POST", "/api-keys", Map.of("name", "alice-key-3b8e", "permissions", List.of("write:sandboxes")), alice.key())
                .expect(201);
        volumeId = platform.call("POST", "/volumes", Map.of("name", "alice-volume-2c6d"), alice.key()).expect(200).get("id").asText();
        snapshotId = platform.call("POST", "/snapshots", Map.of("name", "alice-snapshot-8e1a", "imageName", "alice-image-4f7b:1.0"),
                alice.key()).expect(200).get("id").asText();
        registryId = platform.call("POST", "/docker-registry", Map.of("name", "alice-registry-6b2d", "url", "alice-registry.test:5000",
                "username", "alice-user-0c9e", "password", "alice-password-d41f"), alice.key()).expect(201).get("id").asText();
        regionId = platform.call("POST", "/regions", Map.of("name", "alice-region-9a3c", "proxyUrl", "https://alice-proxy-5f1b.test"),
                alice.key()).expect(201).get("id").asText();
        JsonNode runner = platform.call("POST", "/runners", Map.of("regionId", regionId, "name", "alice-runner-4d2e"), alice.key())
                .expect(201);
        runnerId = runner.get("id").asText();
        platform.call("POST", "/runners/healthcheck", Map.of("apiUrl", "http://alice-runner-host-8c3a.test:3003", "appVersion", "1",
                "metrics", Map.of("cpu", 4, "memoryGiB", 8, "diskGiB", 50)), runner.get("apiKey").asText()).expect(200);
        roleId = platform.call("POST", "/organizations/" + teamId + "/roles", Map.of("name", "alice-role-9a3c", "description",
                "alice-role-description-5f1e", "permissions", List.of("write:snapshots")), alice.key()).expect(201).get("id").asText();
        secrets = List.of(roleId, "alice-role-9a3c", "alice-role-description-5f1e", regionId, "alice-region-9a3c", "alice-proxy-5f1b", runnerId, "alice-runner-4d2e", runner.get("apiKey").asText(),
                "alice-runner-host-8c3a", registryId, "alice-registry-6b2d", "alice-registry.test", "alice-user-0c9e", "alice-password-d41f", alice.id(), alice.email(), alice.organizationId(), teamId, sandboxId, "alice-box-7d1f", "alice-label-91c2",
                invitationId, "alice-team-5e0a", "alice-key-3b8e", "carol@a.test", volumeId, "alice-volume-2c6d", snapshotId,
                "alice-snapshot-8e1a", "alice-image-4f7b");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    /**
     * Path parameters and A's value for each. A parameter not in this table fails the test: add
     * the name with a value of organization A (create the object in {@link #start()}).
     */
    private static Optional<String> ownedByA(String template, String parameter) {
        return Optional.ofNullable(switch (parameter) {
            case "sandboxIdOrName", "sandboxId" -> sandboxId;
            case "organizationId" -> teamId;
            case "id" -> template.startsWith("/api/snapshots/") ? snapshotId
                    : template.contains("/docker-registry/") ? registryId
                    : template.startsWith("/api/regions/") ? regionId
                    : template.startsWith("/api/runners/") || template.startsWith("/api/admin/runners/") ? runnerId : alice.id();
            case "userId" -> alice.id();
            case "invitationId" -> invitationId;
            case "roleId" -> roleId;
            case "volumeId" -> volumeId;
            case "name" -> template.startsWith("/api/volumes/") ? "alice-volume-2c6d" : "alice-key-3b8e";
            default -> null;
        });
    }

    /** Parameters that name no object of A: a neutral value. */
    private static Optional<String> neutral(String parameter) {
        return Optional.ofNullable(switch (parameter) {
            case "port" -> "8080";
            case "interval" -> "10";
            case "isPublic" -> "true";
            case "regionId" -> "us";
            case "sandboxClass" -> "container";
            case "token", "authToken", "signedPreviewToken" -> "probe-token";
            default -> null;
        });
    }

    @Test
    void everyRouteDeclaresItsAccess() {
        List<String> undeclared = new ArrayList<>();
        for (Router.Route route : platform.controlPlane.routes()) {
            String name = route.method() + " " + route.template();
            if (!(route.endpoint() instanceof ApiRoutes.Guarded guarded)) {
                undeclared.add(name);
                continue;
            }
            if (guarded.access().scope() == Access.Scope.ANONYMOUS) {
                assertThat(ANONYMOUS).as("%s is open to anyone; if it should be, add it to ANONYMOUS", name).contains(name);
            }
        }
        assertThat(undeclared).as("routes registered without an Access: register them through ApiRoutes "
                + "(authenticator.routes(router).get(path, Access.organization(...), (ex, caller) -> ...))").isEmpty();
    }

    @Test
    void everyPathParameterHasAFixture() {
        List<String> missing = new ArrayList<>();
        for (Router.Route route : platform.controlPlane.routes()) {
            Matcher matcher = PARAM.matcher(route.template());
            while (matcher.find()) {
                if (ownedByA(route.template(), matcher.group(1)).isEmpty() && neutral(matcher.group(1)).isEmpty()) {
                    missing.add("{" + matcher.group(1) + "} in " + route.method() + " " + route.template());
                }
            }
        }
        assertThat(missing).as("path parameters without a value in this test: add each to ownedByA (an object of organization A, "
                + "created in start()) or, if it names no object, to neutral").isEmpty();
    }

    @Test
    void aKeyOfAnotherOrganizationSeesAndChangesNothingOnAnyRoute() {
        List<String> failures = new ArrayList<>();
        for (Router.Route route : platform.controlPlane.routes()) {
            if (route.endpoint() instanceof ApiRoutes.Guarded guarded && guarded.access().scope() == Access.Scope.ANONYMOUS) {
                continue;
            }
            String name = route.method() + " " + route.template();
            Matcher matcher = PARAM.matcher(route.template());
            StringBuilder path = new StringBuilder();
            boolean namesA = false;
            while (matcher.find()) {
                String parameter = matcher.group(1);
                Optional<String> owned = ownedByA(route.template(), parameter);
                Optional<String> value = owned.or(() -> neutral(parameter));
                if (value.isEmpty()) {
                    fail("%s: no value for path parameter {%s}; add it to ownedByA (an object of organization A) or neutral", name, parameter);
                }
                namesA |= owned.isPresent();
                matcher.appendReplacement(path, Matcher.quoteReplacement(value.get()));
            }
            matcher.appendTail(path);
            boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(route.method());
            TestPlatform.Reply reply = platform.call(route.method(), path.substring("/api".length()), hasBody ? BODY : null, bob.key());
            if (namesA && !Set.of(403, 404).contains(reply.status())) {
                failures.add("%s on A's object answered %d, not 403 or 404: %s".formatted(name, reply.status(), reply.body()));
            }
            for (String secret : secrets) {
                // An error may echo what the caller sent; anything else of A is a leak.
                if (!path.toString().contains(secret) && reply.body().contains(secret)) {
                    failures.add("%s revealed %s of organization A: %s".formatted(name, secret, reply.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
        organizationAIsIntact();
    }

    private void organizationAIsIntact() {
        JsonNode sandbox = platform.call("GET", "/sandbox/" + sandboxId, null, alice.key()).expect(200);
        assertThat(sandbox.get("labels").get("team").asText()).isEqualTo("alice-label-91c2");
        assertThat(sandbox.get("public").asBoolean()).isFalse();
        assertThat(sandbox.get("autoStopInterval").asInt()).isEqualTo(15);
        assertThat(platform.call("GET", "/api-keys/alice-key-3b8e", null, alice.key()).status()).isEqualTo(200);
        assertThat(platform.call("GET", "/organizations/" + teamId, null, alice.key()).status()).isEqualTo(200);
        JsonNode invitations = platform.call("GET", "/organizations/" + teamId + "/invitations", null, alice.key()).expect(200);
        assertThat(invitations.get(0).get("status").asText()).isEqualTo("pending");
        assertThat(platform.call("GET", "/organizations/" + teamId + "/users", null, alice.key()).expect(200)).hasSize(1);
        assertThat(platform.call("GET", "/volumes/" + volumeId, null, alice.key()).expect(200).get("name").asText())
                .isEqualTo("alice-volume-2c6d");
        assertThat(platform.call("GET", "/snapshots/" + snapshotId, null, alice.key()).expect(200).get("name").asText())
                .isEqualTo("alice-snapshot-8e1a");
        assertThat(platform.call("GET", "/users/me", null, alice.key()).expect(200).get("email").asText()).isEqualTo(alice.email());
        assertThat(platform.call("GET", "/regions/" + regionId, null, alice.key()).expect(200).get("proxyUrl").asText())
                .isEqualTo("https://alice-proxy-5f1b.test");
        JsonNode runner = platform.call("GET", "/runners/" + runnerId, null, alice.key()).expect(200);
        assertThat(runner.get("unschedulable").asBoolean()).isFalse();
        assertThat(runner.get("draining").asBoolean()).isFalse();
        String teamKey = platform.call("POST", "/api-keys", Map.of("name", "team-audit-" + System.nanoTime(),
                "permissions", List.of("read:audit_logs")), alice.key(), Map.of("X-Daytona-Organization-ID", teamId)).expect(201)
                .get("value").asText();
        JsonNode teamLog = platform.call("GET", "/audit/organizations/" + teamId, null, teamKey).expect(200);
        assertThat(teamLog.get("items").findValuesAsText("action")).contains("create");
        assertThat(teamLog.toString()).as("B's refused calls are not written into A's log").doesNotContain(bob.email());
    }

    @Test
    void everyRouteThatDeclaresAPermissionRefusesAKeyWithoutIt() {
        String bare = platform.call("POST", "/api-keys", Map.of("name", "bare", "permissions", List.of()), alice.key())
                .expect(201).get("value").asText();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Router.Route route : platform.controlPlane.routes()) {
            if (!(route.endpoint() instanceof ApiRoutes.Guarded guarded) || guarded.access().permission().isEmpty()) {
                continue;
            }
            // The key's own organization, so that only the missing permission can be the reason for a refusal.
            String path = PARAM.matcher(route.template()).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1).equals("organizationId") ? alice.organizationId()
                            : ownedByA(route.template(), m.group(1)).or(() -> neutral(m.group(1))).orElse("x")));
            TestPlatform.Reply reply = platform.call(route.method(), path.substring("/api".length()),
                    Set.of("POST", "PUT", "PATCH").contains(route.method()) ? BODY : null, bare);
            String permission = guarded.access().permission().get().wireValue();
            if (reply.status() != 403 || !reply.body().contains(permission)) {
                failures.add("%s %s answered %d without naming %s: %s".formatted(route.method(), route.template(), reply.status(),
                        permission, reply.body()));
            }
            checked++;
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(10);
        organizationAIsIntact();
    }

    @Test
    void theOrganizationHeaderCannotSwitchAKeyToAnotherOrganization() {
        TestPlatform.Reply reply = platform.call("GET", "/sandbox", null, bob.key(), Map.of("X-Daytona-Organization-ID", alice.organizationId()));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.message()).contains("belongs to organization " + bob.organizationId());
        assertThat(platform.call("GET", "/sandbox", null, bob.key(), Map.of("X-Daytona-Organization-ID", bob.organizationId())).status())
                .isEqualTo(200);
        TestPlatform.Reply key = platform.call("POST", "/api-keys", Map.of("name", "into-a", "permissions", List.of()), bob.key(),
                Map.of("X-Daytona-Organization-ID", teamId));
        assertThat(key.status()).isEqualTo(403);
        assertThat(key.message()).contains("not a member");
    }

    @Test
    void theToolboxAndPreviewsRefuseAKeyOfAnotherOrganization() {
        Optional<String> bobs = Optional.of("Bearer " + bob.key());
        assertThatThrownBy(() -> platform.controlPlane.sandboxAccess().authorizeToolbox(sandboxId, bobs))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code().status()).isEqualTo(404));
        assertThatThrownBy(() -> platform.controlPlane.sandboxAccess().authorizePreview(sandboxId, 8080, bobs, Optional.empty()))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code().status()).isEqualTo(401));
        assertThat(platform.controlPlane.sandboxAccess().authorizeToolbox(sandboxId, Optional.of("Bearer " + alice.key())).id())
                .isEqualTo(sandboxId);
    }

    @Test
    void auditLogsOfAnotherOrganizationAreRefused() {
        TestPlatform.Reply reply = platform.call("GET", "/audit/organizations/" + alice.organizationId(), null, bob.key());
        assertThat(reply.status()).isEqualTo(403);
        JsonNode own = platform.call("GET", "/audit/organizations/" + bob.organizationId(), null, bob.key()).expect(200);
        for (String secret : secrets) {
            assertThat(own.toString()).doesNotContain(secret);
        }
    }
}
