package io.daytona.proxy;

import java.util.Optional;

/**
 * A parsed toolbox path: {@code /toolbox/{sandboxId}/{rest}}.
 *
 * @param sandboxId the sandbox
 * @param daemonPath the path to call on the daemon, starting with {@code /}
 */
record ToolboxPath(String sandboxId, String daemonPath) {
    static final String PREFIX = "/toolbox/";

    static Optional<ToolboxPath> parse(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String sandboxId = slash < 0 ? rest : rest.substring(0, slash);
        if (sandboxId.isEmpty()) {
            return Optional.empty();
        }
        // Old SDKs address the daemon as /toolbox/{id}/toolbox/{path}.
        String daemonPath = slash < 0 ? "/" : rest.substring(slash);
        if (daemonPath.startsWith("/toolbox/")) {
            daemonPath = daemonPath.substring("/toolbox".length());
        }
        return Optional.of(new ToolboxPath(sandboxId, daemonPath));
    }
}
