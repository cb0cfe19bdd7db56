package io.daytona.controlplane.auth;

import io.daytona.http.Exchange;

/** The code behind an authenticated route; {@code caller} is null only on anonymous routes. */
@FunctionalInterface
public interface CallerEndpoint {
    void handle(Exchange exchange, Caller caller) throws Exception;
}
