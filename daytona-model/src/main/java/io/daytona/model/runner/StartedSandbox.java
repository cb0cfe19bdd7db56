package io.daytona.model.runner;

import java.net.URI;

/**
 * A sandbox a runner has brought up.
 *
 * @param daemonUri where the sandbox's toolbox daemon listens
 * @param daemonVersion the version the daemon reported
 */
public record StartedSandbox(URI daemonUri, String daemonVersion) {}
