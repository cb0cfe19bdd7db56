package io.daytona.model.toolbox.session;

/**
 * A command run in a session.
 *
 * @param id the command's id
 * @param command the command line
 * @param exitCode its exit code, null while it runs
 */
public record Command(String id, String command, Integer exitCode) {}
