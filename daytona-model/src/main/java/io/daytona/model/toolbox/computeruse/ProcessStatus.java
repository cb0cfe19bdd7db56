package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One desktop process as {@code start} and {@code stop} report it.
 *
 * @param running whether the process is alive now
 * @param pid its process id while it runs; absent otherwise
 * @param priority its place in the start order (lower starts first)
 * @param autoRestart whether the daemon starts it again when it exits on its own
 */
public record ProcessStatus(boolean running, @JsonInclude(JsonInclude.Include.NON_NULL) Integer pid, int priority,
                            boolean autoRestart) {}
