package io.daytona.model.organization;

/** {@code POST /api/organizations}: a collaborative organization; its creator becomes its owner. */
public record CreateOrganization(String name, String defaultRegionId) {}
