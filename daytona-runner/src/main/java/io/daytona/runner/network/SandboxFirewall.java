package io.daytona.runner.network;

import io.daytona.model.runner.NetworkPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox's egress rules: an nftables table inside the sandbox's own network namespace, set
 * from the host with {@code nsenter}. Sandboxes have no NET_ADMIN capability, so not even root
 * inside one can change it. Replies to connections made to the sandbox (the proxy reaching the
 * daemon) pass as established traffic.
 */
public final class SandboxFirewall {
    private SandboxFirewall() {}

    /**
     * The ruleset: never the host's addresses nor the sandbox subnet; then, if asked, nothing at
     * all, or only the allow-list (and DNS to the sandbox's name servers, so names resolve).
     */
    static String ruleset(NetworkPolicy policy, Set<String> hostAddresses, String sandboxSubnet, List<String> nameServers) {
        StringBuilder rules = new StringBuilder();
        // Declaring then deleting the table makes the replacement atomic and idempotent.
        rules.append("table inet daytona\ndelete table inet daytona\n");
        rules.append("table inet daytona {\n  chain egress {\n");
        rules.append("    type filter hook output priority 0; policy accept;\n");
        rules.append("    oifname \"lo\" accept\n");
        rules.append("    ct state established,related accept\n");
        if (!hostAddresses.isEmpty()) {
            rules.append("    ip daddr { ").append(String.join(", ", hostAddresses)).append(" } drop\n");
        }
        rules.append("    ip daddr ").append(sandboxSubnet).append(" drop\n");
        if (policy.blockAll()) {
            rules.append("    drop\n");
        } else if (!policy.allowList().isEmpty()) {
            if (!nameServers.isEmpty()) {
                String servers = String.join(", ", nameServers);
                rules.append("    ip daddr { ").append(servers).append(" } udp dport 53 accept\n");
                rules.append("    ip daddr { ").append(servers).append(" } tcp dport 53 accept\n");
            }
            rules.append("    ip daddr { ").append(String.join(", ", policy.allowList())).append(" } accept\n");
            rules.append("    drop\n");
        }
        rules.append("  }\n}\n");
        return rules.toString();
    }

    /** Applies {@code policy} to the network namespace of process {@code pid} (the sandbox's init). */
    public static void apply(long pid, NetworkPolicy policy, String sandboxSubnet) throws IOException, InterruptedException {
        Path root = Path.of("/proc", Long.toString(pid), "root");
        String ruleset = ruleset(policy, hostAddresses(), sandboxSubnet, nameServers(root.resolve("etc/resolv.conf")));
        Process nft = new ProcessBuilder("nsenter", "--net=/proc/" + pid + "/ns/net", "nft", "-f", "-")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = nft.getOutputStream()) {
            in.write(ruleset.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!nft.waitFor(30, TimeUnit.SECONDS) || nft.exitValue() != 0) {
            nft.destroyForcibly();
            throw new IOException("could not set the sandbox's network rules (is nftables installed? run ./scripts/setup.sh): " + output.strip());
        }
    }

    /** Every IPv4 address of the host, read now: interfaces come and go. */
    static Set<String> hostAddresses() throws SocketException {
        Set<String> addresses = new TreeSet<>();
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            networkInterface.inetAddresses()
                    .filter(Inet4Address.class::isInstance)
                    .map(address -> address.getHostAddress())
                    .forEach(addresses::add);
        }
        return addresses;
    }

    static List<String> nameServers(Path resolvConf) throws IOException {
        if (!Files.isReadable(resolvConf)) {
            return List.of();
        }
        return Files.readAllLines(resolvConf).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("nameserver "))
                .map(line -> line.substring("nameserver ".length()).strip())
                .filter(address -> address.matches("[0-9.]+"))
                .toList();
    }

    /** The network {@code address/prefix} belongs to, e.g. 10.88.0.5/16 → 10.88.0.0/16. */
    public static String subnet(String address, int prefix) {
        String[] parts = address.split("\\.");
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | Integer.parseInt(part);
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long network = value & mask;
        return "%d.%d.%d.%d/%d".formatted((network >> 24) & 255, (network >> 16) & 255, (network >> 8) & 255, network & 255, prefix);
    }
}
