package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.snapshot.Snapshot;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Snapshots from a private registry that really asks for a login (TLS and basic authentication,
 * Debian's docker-registry on this machine): the organization's stored login makes the pull work
 * and a sandbox of the pulled image runs; no login or a wrong one ends the snapshot in
 * {@code error} with the registry's refusal; the default registry serves every organization.
 */
@ExtendWith(PlatformExtension.class)
class PrivateRegistryTest {
    private static final String USER = "robot";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

    private static Api api;
    private static PrivateRegistry registry;
    private static String image;

    @BeforeAll
    static void start(Platform platform) throws Exception {
        api = Api.of(platform);
        registry = PrivateRegistry.start(USER, PASSWORD);
        image = registry.push("localhost/daytona/sandbox:0.1.0", "team/sandbox:1.0", USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theOrganizationsLoginPullsAPrivateImageAndASandboxOfItRuns(Platform platform) throws Exception {
        String registryId = createRegistry(api, "private-" + suffix(), PASSWORD);
        String name = "private-" + suffix();
        Sandbox sandbox = null;
        try {
            Snapshot snapshot = createSnapshot(api, name, image);
            assertThat(snapshot.state().wireValue()).as(snapshot.errorReason()).isEqualTo("active");
            String logs = api.get("/snapshots/" + snapshot.id() + "/build-logs").body();
            assertThat(logs).contains("as " + USER + " at " + registry.address()).doesNotContain(PASSWORD);

            sandbox = api.post("/sandbox", Map.of("snapshot", name)).as(Sandbox.class);
            assertThat(sandbox.state().wireValue()).as(sandbox.errorReason()).isEqualTo("started");
            JsonNode reply = api.toolbox(platform, sandbox.id()).post("/process/execute", Map.of("command", "echo from-private")).json();
            assertThat(reply.get("result").asText()).isEqualTo("from-private\n");
        } finally {
            if (sandbox != null) {
                api.delete("/sandbox/" + sandbox.id());
            }
            deleteSnapshot(api, name);
            api.delete("/docker-registry/" + registryId);
        }
    }

    @Test
    void withoutALoginOrWithAWrongPasswordThePullIsRefusedAndTheSnapshotEndsInError() throws Exception {
        Snapshot anonymous = createSnapshot(api, "anonymous-" + suffix(), image);
        assertThat(anonymous.state().wireValue()).isEqualTo("error");
        assertThat(anonymous.errorReason()).contains("Could not pull " + image, "unauthorized");
        api.delete("/snapshots/" + anonymous.id());

        String registryId = createRegistry(api, "wrong-" + suffix(), "not-the-password");
        try {
            Snapshot wrong = createSnapshot(api, "wrong-" + suffix(), image);
            assertThat(wrong.state().wireValue()).isEqualTo("error");
            assertThat(wrong.errorReason()).contains("unauthorized").doesNotContain("not-the-password");
            api.delete("/snapshots/" + wrong.id());
        } finally {
            api.delete("/docker-registry/" + registryId);
        }
    }

    @Test
    void theDefaultRegistrysLoginServesAnotherOrganization(Platform platform) throws Exception {
        String registryId = createRegistry(api, "default-" + suffix(), PASSWORD);
        String name = "from-default-" + suffix();
        JsonNode user = api.post("/admin/users", Map.of("name", "Registry user", "email", "reg-" + suffix() + "@example.com")).json();
        Api other = api.withKey(Optional.of(user.get("apiKey").asText()));
        try {
            assertThat(api.post("/admin/docker-registry/" + registryId + "/set-default", null).status()).isEqualTo(200);
            assertThat(other.get("/docker-registry").json()).isEmpty();
            Snapshot snapshot = createSnapshot(other, name, image);
            assertThat(snapshot.state().wireValue()).as(snapshot.errorReason()).isEqualTo("active");
        } finally {
            deleteSnapshot(other, name);
            api.delete("/docker-registry/" + registryId);
        }
    }

    private static String createRegistry(Api caller, String name, String password) {
        Api.Reply reply = caller.post("/docker-registry",
                Map.of("name", name, "url", "https://" + registry.address(), "username", USER, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    private static Snapshot createSnapshot(Api caller, String name, String imageName) throws InterruptedException {
        Api.Reply created = caller.post("/snapshots", Map.of("name", name, "imageName", imageName));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        for (int i = 0; i < 1200; i++) {
            Api.Reply reply = caller.get("/snapshots/" + name);
            if (reply.status() == 200 && reply.as(Snapshot.class).state().isTerminal()) {
                return reply.as(Snapshot.class);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("snapshot " + name + " never settled");
    }

    private static void deleteSnapshot(Api caller, String name) {
        Api.Reply snapshot = caller.get("/snapshots/" + name);
        if (snapshot.status() == 200) {
            caller.delete("/snapshots/" + snapshot.as(Snapshot.class).id());
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
