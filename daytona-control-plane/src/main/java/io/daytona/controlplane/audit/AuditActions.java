package io.daytona.controlplane.audit;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit action and target of a route, derived from its method and path template when the
 * route does not name its action: the docs' names ({@code start}, {@code replace_labels},
 * {@code leave_organization}…), else {@code create}, {@code update} or {@code delete} by method.
 */
public final class AuditActions {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** Literal path segments that name an action, and the docs' name for it. */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("start", "start"),
            Map.entry("stop", "stop"),
            Map.entry("archive", "archive"),
            Map.entry("recover", "recover"),
            Map.entry("resize", "update"),
            Map.entry("labels", "replace_labels"),
            Map.entry("backup", "create_backup"),
            Map.entry("pause", "pause"),
            Map.entry("fork", "fork"),
            Map.entry("public", "update_public_status"),
            Map.entry("autostop", "set_auto_stop_interval"),
            Map.entry("autoarchive", "set_auto_archive_interval"),
            Map.entry("autodelete", "set_auto_delete_interval"),
            Map.entry("network-settings", "update_network_settings"),
            Map.entry("ssh-access", "create_ssh_access"),
            Map.entry("activate", "activate"),
            Map.entry("deactivate", "deactivate"),
            Map.entry("accept", "accept"),
            Map.entry("decline", "decline"),
            Map.entry("leave", "leave_organization"),
            Map.entry("access", "update_access"),
            Map.entry("quota", "update_quota"),
            Map.entry("suspend", "suspend"),
            Map.entry("unsuspend", "unsuspend"),
            Map.entry("default-region", "update"),
            Map.entry("scheduling", "update_scheduling"),
            Map.entry("set-default", "set_default"),
            Map.entry("general", "set_general_status"),
            Map.entry("regenerate-key-pair", "regenerate_key_pair"),
            Map.entry("regenerate-proxy-api-key", "regenerate_proxy_api_key"),
            Map.entry("regenerate-ssh-gateway-api-key", "regenerate_ssh_gateway_api_key"),
            Map.entry("regenerate-snapshot-manager-credentials", "regenerate_snapshot_manager_credentials"),
            Map.entry("sandbox-default-limited-network-egress", "update_sandbox_default_limited_network_egress"));

    /** Path words after {@code /api} and the docs' target type they name, most specific first. */
    private static final List<Map.Entry<String, String>> TARGETS = List.of(
            Map.entry("/invitations", "organization_invitation"),
            Map.entry("/roles", "organization_role"),
            Map.entry("/organizations/{organizationId}/users", "organization_user"),
            Map.entry("/api/organizations", "organization"),
            Map.entry("/api/audit", "organization"),
            Map.entry("/api/sandbox", "sandbox"),
            Map.entry("/api/api-keys", "api_key"),
            Map.entry("/api/snapshots", "snapshot"),
            Map.entry("/api/volumes", "volume"),
            Map.entry("/api/docker-registry", "docker_registry"),
            Map.entry("/api/admin/docker-registry", "docker_registry"),
            Map.entry("/api/runners", "runner"),
            Map.entry("/api/admin/runners", "runner"),
            Map.entry("/api/users", "user"),
            Map.entry("/api/admin/users", "user"),
            Map.entry("/api/admin/organizations", "organization"));

    private AuditActions() {}

    public static String derive(String method, String template) {
        String[] segments = template.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                continue;
            }
            String verb = VERBS.get(segment);
            if (verb != null) {
                if (segment.equals("ssh-access") && method.equals("DELETE")) {
                    return "revoke_ssh_access";
                }
                if (segment.equals("quota") && i < segments.length - 1) {
                    return "update_region_quota";
                }
                return verb;
            }
            break;
        }
        return switch (method) {
            case "POST" -> "create";
            case "DELETE" -> "delete";
            default -> "update";
        };
    }

    /** The target type of a route, e.g. {@code sandbox}; null when the path names none. */
    public static String targetType(String template) {
        return TARGETS.stream().filter(t -> template.contains(t.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The path parameter that names the target: the last one that is an id or a name. */
    public static String targetParameter(String template) {
        Matcher matcher = PARAM.matcher(template);
        String found = null;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.equals("id") || name.equals("name") || name.endsWith("Id") || name.endsWith("IdOrName")) {
                found = name;
            }
        }
        return found;
    }
}
