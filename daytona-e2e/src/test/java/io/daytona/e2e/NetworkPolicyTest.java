package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.daytona.model.sandbox.Sandbox;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a sandbox may reach: "the internet" (a namespace of this machine) unless its policy says
 * otherwise, and never the host's own services nor other sandboxes.
 */
@ExtendWith(PlatformExtension.class)
class NetworkPolicyTest {
    private static InternetNamespace internet;
    private static HttpServer hostService;
    private static Api api;

    @BeforeAll
    static void start(Platform platform) throws Exception {
        internet = InternetNamespace.start();
        hostService = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        hostService.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hostService.start();
        api = Api.of(platform);
    }

    @AfterAll
    static void stop() throws Exception {
        hostService.stop(0);
        internet.close();
    }

    @Test
    void aSandboxReachesTheInternetButNeitherTheHostNorOtherSandboxes(Platform platform) throws Exception {
        Sandbox sandbox = api.post("/sandbox", Map.of()).as(Sandbox.class);
        Sandbox neighbour = api.post("/sandbox", Map.of()).as(Sandbox.class);
        try {
            Api toolbox = api.toolbox(platform, sandbox.id());
            assertThat(status(toolbox, internet.url())).isEqualTo("200");
            String gateway = run(toolbox, "ip route | awk '/default/ {print $3}'").strip();
            int port = hostService.getAddress().getPort();
            assertThat(status(toolbox, "http://" + gateway + ":" + port + "/")).as("host via the bridge").isEqualTo("000");
            for (String hostAddress : hostAddresses()) {
                assertThat(status(toolbox, "http://" + hostAddress + ":" + port + "/")).as("host at %s", hostAddress).isEqualTo("000");
            }
            String neighbourAddress = run(api.toolbox(platform, neighbour.id()), "hostname -I").strip().split(" ")[0];
            assertThat(status(toolbox, "http://" + neighbourAddress + ":2280/version")).as("another sandbox").isEqualTo("000");
            assertThat(run(toolbox, "sudo nft flush ruleset 2>&1; echo done")).as("root in the sandbox cannot lift the rules").contains("done");
            assertThat(status(toolbox, "http://" + gateway + ":" + port + "/")).isEqualTo("000");
        } finally {
            api.delete("/sandbox/" + sandbox.id());
            api.delete("/sandbox/" + neighbour.id());
        }
    }

    @Test
    void blockAllAndAllowListsApplyAtCreateAndAtRunTime(Platform platform) throws Exception {
        Sandbox sandbox = api.post("/sandbox", Map.of("networkBlockAll", true)).as(Sandbox.class);
        try {
            Api toolbox = api.toolbox(platform, sandbox.id());
            assertThat(status(toolbox, internet.url())).isEqualTo("000");

            Api.Reply allowed = api.post("/sandbox/" + sandbox.id() + "/network-settings",
                    Map.of("networkBlockAll", false, "networkAllowList", internet.serverAddress() + "/32"));
            assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.as(Sandbox.class).networkAllowList()).isEqualTo(internet.serverAddress() + "/32");
            assertThat(status(toolbox, internet.url())).isEqualTo("200");

            api.post("/sandbox/" + sandbox.id() + "/network-settings", Map.of("networkAllowList", "203.0.113.0/24"));
            assertThat(status(toolbox, internet.url())).isEqualTo("000");

            api.post("/sandbox/" + sandbox.id() + "/stop", null);
            awaitState(api, sandbox.id(), "stopped");
            api.post("/sandbox/" + sandbox.id() + "/start", null);
            awaitState(api, sandbox.id(), "started");
            assertThat(status(toolbox, internet.url())).as("rules survive a restart").isEqualTo("000");
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }
    }

    @Test
    void rejectsBadAllowLists() {
        assertThat(api.post("/sandbox", Map.of("networkAllowList", "not-a-cidr")).status()).isEqualTo(400);
        assertThat(api.post("/sandbox", Map.of("networkAllowList", "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6")).status())
                .isEqualTo(400);
    }

    private static String status(Api toolbox, String url) {
        return run(toolbox, "curl -s --connect-timeout 1 -m 2 -o /dev/null -w '%{http_code}' " + url).strip();
    }

    private static String run(Api toolbox, String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("result").asText();
    }

    private static List<String> hostAddresses() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(Inet4Address.class::isInstance)
                .map(address -> address.getHostAddress())
                .filter(address -> !address.startsWith("127.") && !address.startsWith("198.18."))
                .toList();
    }

    private static void awaitState(Api api, String id, String state) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (api.get("/sandbox/" + id).json().get("state").asText().equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sandbox " + id + " never reached " + state);
    }
}
