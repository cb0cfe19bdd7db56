package io.daytona.runner.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.runner.NetworkPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxFirewallTest {
    private static final Set<String> HOST = new java.util.TreeSet<>(Set.of("10.88.0.1", "192.0.2.2"));

    @Test
    void alwaysKeepsTheHostAndOtherSandboxesOut() {
        String rules = SandboxFirewall.ruleset(NetworkPolicy.OPEN, HOST, "10.88.0.0/16", List.of("10.255.255.53"));
        assertThat(rules).contains("ct state established,related accept", "ip daddr { 10.88.0.1, 192.0.2.2 } drop",
                "ip daddr 10.88.0.0/16 drop").doesNotContain("    drop\n");
    }

    @Test
    void blocksEverythingOrAllowsOnlyTheListAndDns() {
        assertThat(SandboxFirewall.ruleset(new NetworkPolicy(true, List.of()), HOST, "10.88.0.0/16", List.of()))
                .endsWith("    drop\n  }\n}\n");
        String allowed = SandboxFirewall.ruleset(new NetworkPolicy(false, List.of("198.51.100.0/24")), HOST, "10.88.0.0/16",
                List.of("10.255.255.53"));
        assertThat(allowed).contains("ip daddr { 10.255.255.53 } udp dport 53 accept", "ip daddr { 198.51.100.0/24 } accept")
                .endsWith("    drop\n  }\n}\n");
    }

    @Test
    void computesTheSandboxSubnet() {
        assertThat(SandboxFirewall.subnet("10.88.3.7", 16)).isEqualTo("10.88.0.0/16");
        assertThat(SandboxFirewall.subnet("192.168.1.130", 25)).isEqualTo("192.168.1.128/25");
    }
}
