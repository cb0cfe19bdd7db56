package io.daytona.model.region;

import java.util.List;

/** {@code POST /api/runners}: a runner to register in a region; its key is made by the server. */
public record CreateRunner(String regionId, String name, List<String> tags) {}
