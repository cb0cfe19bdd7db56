package io.daytona.http;

/** The code behind one route. It runs on a virtual thread and may block. */
@FunctionalInterface
public interface Endpoint {
    void handle(Exchange exchange) throws Exception;
}
