package io.daytona.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to endpoints by method and URI template ({@code /api/sandbox/{id}}),
 * using Jetty's own template matching, and turns every failure into the standard error body.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final long MAX_DRAINED_BODY = 1 << 20;

    private final PathMappings<Map<String, Endpoint>> mappings = new PathMappings<>();
    private final java.util.List<Route> routes = new java.util.ArrayList<>();
    private final ObjectMapper mapper;

    public Router(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public Router get(String template, Endpoint endpoint) {
        return route("GET", template, endpoint);
    }

    public Router post(String template, Endpoint endpoint) {
        return route("POST", template, endpoint);
    }

    public Router put(String template, Endpoint endpoint) {
        return route("PUT", template, endpoint);
    }

    public Router patch(String template, Endpoint endpoint) {
        return route("PATCH", template, endpoint);
    }

    public Router delete(String template, Endpoint endpoint) {
        return route("DELETE", template, endpoint);
    }

    public synchronized Router route(String method, String template, Endpoint endpoint) {
        UriTemplatePathSpec spec = new UriTemplatePathSpec(template);
        Map<String, Endpoint> byMethod = mappings.get(spec);
        if (byMethod == null) {
            byMethod = new LinkedHashMap<>();
            mappings.put(spec, byMethod);
        }
        if (byMethod.putIfAbsent(method.toUpperCase(Locale.ROOT), requireNonNull(endpoint, "endpoint is null")) != null) {
            throw new IllegalStateException("route declared twice: " + method + " " + template);
        }
        routes.add(new Route(method.toUpperCase(Locale.ROOT), template, endpoint));
        return this;
    }

    /** One declared route; tests walk them to check that every route declares its access. */
    public record Route(String method, String template, Endpoint endpoint) {}

    /** Every route declared so far, in declaration order. */
    public synchronized java.util.List<Route> routes() {
        return java.util.List.copyOf(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        MatchedResource<Map<String, Endpoint>> matched = mappings.getMatched(path);
        if (matched == null) {
            return false;
        }
        Map<String, String> params = ((UriTemplatePathSpec) matched.getPathSpec()).getPathParams(path);
        Exchange exchange = new Exchange(request, response, callback, params == null ? Map.of() : params, mapper);
        try {
            Endpoint endpoint = matched.getResource().get(request.getMethod());
            if (endpoint == null) {
                throw new ServiceException(ErrorCode.METHOD_NOT_ALLOWED,
                        "%s is not allowed on %s; allowed: %s".formatted(request.getMethod(), path, matched.getResource().keySet()));
            }
            endpoint.handle(exchange);
            if (exchange.isUpgraded()) {
                return true;
            }
            if (!exchange.isCommitted()) {
                exchange.status(200);
            }
            callback.succeeded();
        } catch (Throwable failure) {
            if (exchange.isUpgraded()) {
                LOG.warn("{} {} failed after the WebSocket upgrade", exchange.method(), exchange.path(), failure);
                return true;
            }
            fail(exchange, failure, callback);
        }
        return true;
    }

    /**
     * An error often answers before the request body was read (a 401 on an upload). Jetty then
     * closes the connection after a response that said keep-alive, and a client may reuse it and
     * fail. A small body is drained; for a large one the response says the connection closes.
     */
    private static void keepConnectionUsable(Request request, Response response) {
        long length = request.getLength();
        if (length >= 0 && length <= MAX_DRAINED_BODY) {
            try {
                Content.Source.consumeAll(request);
                return;
            } catch (Exception ignored) {
                // could not drain; close instead
            }
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private void fail(Exchange exchange, Throwable failure, Callback callback) {
        ErrorCode code = failure instanceof ServiceException service ? service.code() : ErrorCode.INTERNAL_SERVER_ERROR;
        String message = failure instanceof ServiceException ? failure.getMessage() : "Internal error: " + failure;
        if (code.category() != ErrorCode.Category.USER) {
            LOG.warn("{} {} failed", exchange.method(), exchange.path(), failure);
        }
        if (exchange.response().isCommitted()) {
            callback.failed(failure);
            return;
        }
        try {
            exchange.response().reset();
            keepConnectionUsable(exchange.request(), exchange.response());
            if (failure instanceof ServiceException service) {
                service.headers().forEach(exchange::setHeader);
            }
            exchange.error(code, message);
            callback.succeeded();
        } catch (Throwable writeFailure) {
            failure.addSuppressed(writeFailure);
            callback.failed(failure);
        }
    }

}
