package io.daytona.proxy;

import io.daytona.http.HttpServer;
import io.daytona.model.json.Json;

/** The proxy role, started: the public edge for toolbox calls. */
public final class Proxy implements AutoCloseable {
    private final HttpServer server;

    private Proxy(HttpServer server) {
        this.server = server;
    }

    public static Proxy start(String host, int port, SandboxDirectory directory) throws Exception {
        return start(host, port, directory, ActivityRecorder.NONE);
    }

    /** Starts the proxy; {@code activity} hears of every request let through to a sandbox. */
    public static Proxy start(String host, int port, SandboxDirectory directory, ActivityRecorder activity) throws Exception {
        return start(host, port, directory, activity, PreviewOptions.defaults());
    }

    /** Starts the proxy with the given treatment of preview hosts. */
    public static Proxy start(String host, int port, SandboxDirectory directory, ActivityRecorder activity, PreviewOptions options)
            throws Exception {
        var json = Json.newMapper();
        return new Proxy(HttpServer.start("proxy", host, port, new SandboxProxy(directory, activity, json, options), json));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
