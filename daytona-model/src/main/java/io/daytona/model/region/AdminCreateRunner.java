package io.daytona.model.region;

import java.util.List;

/**
 * {@code POST /api/admin/runners}: a runner registered by a system administrator, with a key of
 * the administrator's choice and, optionally, its addresses and capacity before it first reports.
 */
public record AdminCreateRunner(String regionId, String name, List<String> tags, String apiKey, String apiVersion, String domain,
                                String apiUrl, String proxyUrl, Double cpu, Double memoryGiB, Double diskGiB) {}
