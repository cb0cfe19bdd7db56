package io.daytona.controlplane.snapshot;

import io.daytona.http.HttpServer;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Snapshot names may hold slashes ({@code daytona/sandbox:0.1.0}); clients send them encoded
 * ({@code /api/snapshots/daytona%2Fsandbox%3A0.1.0}). Jetty refuses an encoded slash in a path
 * by default, and decoding it would split the name into two segments, so the API server accepts
 * it and this handler re-encodes it ({@code %252F}) below {@code /api/snapshots/}; the route
 * decodes the name back. Elsewhere an encoded slash stays refused.
 */
public final class SnapshotNamePaths extends Handler.Wrapper {
    private static final String PREFIX = "/api/snapshots/";

    public SnapshotNamePaths(Handler handler) {
        super(handler);
    }

    /** Lets the server's connectors accept encoded slashes; this handler decides where they mean something. */
    public static void allowEncodedSlashes(HttpServer server) {
        for (var connector : server.jetty().getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setUriCompliance(
                        http.getHttpConfiguration().getUriCompliance().with("snapshot names", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String raw = request.getHttpURI().getPath();
        if (raw == null || !raw.contains("%2") || !(raw.contains("%2F") || raw.contains("%2f"))) {
            return super.handle(request, response, callback);
        }
        if (!raw.startsWith(PREFIX)) {
            Response.writeError(request, response, callback, 400, "Encoded slashes (%2F) are only allowed in snapshot names");
            return true;
        }
        HttpURI rewritten = HttpURI.build(request.getHttpURI()).path(raw.replace("%2F", "%252F").replace("%2f", "%252F"));
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return rewritten;
            }
        }, response, callback);
    }

    /** A snapshot id or name from a path parameter, with its slashes back. */
    static String decode(String parameter) {
        if (!parameter.contains("%")) {
            return parameter;
        }
        // The rewritten path is not decoded again by the router: decode what is left, keeping '+'.
        return java.net.URLDecoder.decode(parameter.replace("%252F", "%2F").replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
