package io.daytona.model.toolbox.pty;

import java.util.Map;

/**
 * The body of {@code POST /process/pty}.
 *
 * @param id the session id the client chooses
 * @param cwd the working directory; the work directory when absent
 * @param envs extra environment variables
 * @param cols terminal width (default 80, at most 1000)
 * @param rows terminal height (default 24, at most 1000)
 * @param lazyStart start the shell when the first client connects rather than now
 */
public record PtyCreateRequest(String id, String cwd, Map<String, String> envs, Integer cols, Integer rows, Boolean lazyStart) {
    public PtyCreateRequest {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }
}
