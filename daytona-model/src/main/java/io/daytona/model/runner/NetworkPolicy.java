package io.daytona.model.runner;

import java.util.List;

/**
 * Where a sandbox may connect to. Whatever the policy, a sandbox never reaches the host's own
 * addresses nor other sandboxes.
 *
 * @param blockAll no outgoing connections at all
 * @param allowList if not empty, only these IPv4 CIDRs (and DNS) may be reached
 */
public record NetworkPolicy(boolean blockAll, List<String> allowList) {
    public static final NetworkPolicy OPEN = new NetworkPolicy(false, List.of());

    public NetworkPolicy {
        allowList = List.copyOf(allowList);
    }
}
