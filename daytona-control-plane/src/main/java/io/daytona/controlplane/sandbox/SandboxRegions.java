package io.daytona.controlplane.sandbox;

/** Where a new sandbox of an organization goes. */
@FunctionalInterface
public interface SandboxRegions {
    /**
     * The region id for a sandbox of the organization asking for {@code target} (a region id or
     * name; blank for the organization's default region).
     *
     * @throws io.daytona.http.ServiceException 400 when the target is no region the organization may use
     */
    String resolve(String organizationId, String target);

    /** Only the server's default region exists. */
    static SandboxRegions only(String region) {
        return (organizationId, target) -> {
            if (target != null && !target.isBlank() && !target.equals(region)) {
                throw io.daytona.http.ServiceException.badRequest("Region %s not found; this server has region %s", target, region);
            }
            return region;
        };
    }
}
