package io.daytona.model.sandbox;

/**
 * The body of {@code POST /api/sandbox/{id}/network-settings}; absent fields keep their value.
 *
 * @param networkBlockAll block every outgoing connection
 * @param networkAllowList comma-separated IPv4 CIDRs that alone may be reached; empty string clears it
 * @param domainAllowList accepted for compatibility; domains are not enforced
 */
public record UpdateSandboxNetworkSettings(Boolean networkBlockAll, String networkAllowList, String domainAllowList) {}
