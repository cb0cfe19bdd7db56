package io.daytona.model.toolbox.session;

/**
 * The answer of a session command: its id, and once it has ended its output and exit code.
 *
 * @param cmdId the command's id
 * @param output stdout and stderr interleaved as written
 * @param stdout what the command wrote to stdout
 * @param stderr what the command wrote to stderr
 * @param exitCode the exit code, null for a command still running
 */
public record SessionExecuteResponse(String cmdId, String output, String stdout, String stderr, Integer exitCode) {}
