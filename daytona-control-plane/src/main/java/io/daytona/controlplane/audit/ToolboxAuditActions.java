package io.daytona.controlplane.audit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The docs' audit actions of toolbox calls (they reach the daemon through the proxy, not
 * {@code /api}): the mutating ones and file downloads. Other toolbox calls are not recorded.
 */
public final class ToolboxAuditActions {
    private record Rule(String method, Pattern path, String action) {}

    private static final List<Rule> RULES = List.of(
            rule("POST", "/process/execute", "toolbox_execute_command"),
            rule("POST", "/process/code-run", "toolbox_execute_command"),
            rule("POST", "/process/session", "toolbox_create_session"),
            rule("POST", "/process/session/[^/]+/exec", "toolbox_session_execute_command"),
            rule("DELETE", "/process/session/[^/]+", "toolbox_delete_session"),
            rule("DELETE", "/files", "toolbox_delete_file"),
            rule("GET", "/files/download", "toolbox_download_file"),
            rule("POST", "/files/bulk-download", "toolbox_download_file"),
            rule("POST", "/files/folder", "toolbox_create_folder"),
            rule("POST", "/files/move", "toolbox_move_file"),
            rule("POST", "/files/permissions", "toolbox_set_file_permissions"),
            rule("POST", "/files/replace", "toolbox_replace_in_files"),
            rule("POST", "/files/upload", "toolbox_upload_file"),
            rule("POST", "/files/bulk-upload", "toolbox_bulk_upload_files"),
            rule("POST", "/git/add", "toolbox_git_add_files"),
            rule("POST", "/git/branches", "toolbox_git_create_branch"),
            rule("DELETE", "/git/branches", "toolbox_git_delete_branch"),
            rule("POST", "/git/clone", "toolbox_git_clone_repository"),
            rule("POST", "/git/commit", "toolbox_git_commit_changes"),
            rule("POST", "/git/pull", "toolbox_git_pull_changes"),
            rule("POST", "/git/push", "toolbox_git_push_changes"),
            rule("POST", "/git/checkout", "toolbox_git_checkout_branch"),
            rule("POST", "/computeruse/start", "toolbox_computer_use_start"),
            rule("POST", "/computeruse/stop", "toolbox_computer_use_stop"),
            rule("POST", "/computeruse/process/[^/]+/restart", "toolbox_computer_use_restart_process"));

    private ToolboxAuditActions() {}

    private static Rule rule(String method, String path, String action) {
        return new Rule(method, Pattern.compile(path + "/?"), action);
    }

    /** The action of a call to the daemon's {@code path}, if the docs audit it. */
    public static Optional<String> of(String method, String daemonPath) {
        return RULES.stream().filter(r -> r.method().equals(method) && r.path().matcher(daemonPath).matches())
                .map(Rule::action).findFirst();
    }
}
