package io.daytona.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.error.ErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/** One request and its response, as an endpoint sees them. Blocking by design: endpoints run on virtual threads. */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Map<String, String> pathParams;
    private final ObjectMapper mapper;
    private final Callback callback;
    private Fields query;
    private boolean committed;
    private boolean upgraded;
    private final List<Runnable> beforeCommit = new java.util.ArrayList<>();

    Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams, ObjectMapper mapper) {
        this.request = requireNonNull(request, "request is null");
        this.response = requireNonNull(response, "response is null");
        this.callback = requireNonNull(callback, "callback is null");
        this.pathParams = Map.copyOf(pathParams);
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Whether the client asks to switch this request to a WebSocket. */
    public boolean isWebSocketUpgrade() {
        return isWebSocketUpgrade(request);
    }

    public static boolean isWebSocketUpgrade(Request request) {
        return "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE));
    }

    /**
     * Switches this request to a WebSocket served by the endpoint {@code creator} returns (a
     * {@code Session.Listener}); the exchange is over for the endpoint once this returns.
     */
    public void upgrade(WebSocketCreator creator) {
        ServerWebSocketContainer container = ServerWebSocketContainer.get(request.getContext());
        if (container == null || !container.upgrade(creator, request, response, callback)) {
            throw ServiceException.badRequest("This endpoint needs a WebSocket upgrade request (Upgrade: websocket)");
        }
        upgraded = true;
    }

    boolean isUpgraded() {
        return upgraded;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    /** A path parameter declared in the route template, e.g. {@code {sandboxIdOrName}}. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route declares no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return Optional.ofNullable(query.getValue(name));
    }

    /** Every value of a repeated query parameter ({@code states=a&states=b}). */
    public List<String> queryValues(String name) {
        query(name);
        List<String> values = query.getValues(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Reads the JSON body; a missing or malformed body is the caller's error (400). */
    public <T> T body(Class<T> type) {
        try (InputStream in = inputStream()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                throw ServiceException.badRequest("Request body is empty: send a JSON object (Content-Type: application/json)");
            }
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw ServiceException.badRequest("Request body must be a JSON object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("Malformed JSON body: %s", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e.getMessage(), e);
        }
    }

    /** Reads an optional JSON body: empty means absent. */
    public <T> Optional<T> optionalBody(Class<T> type) {
        try (InputStream in = inputStream()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return Optional.empty();
            }
            return Optional.ofNullable(mapper.readValue(bytes, type));
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("Malformed JSON body: %s", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e.getMessage(), e);
        }
    }

    public InputStream inputStream() {
        return Content.Source.asInputStream(request);
    }

    /** Writes {@code body} as JSON with the given status. */
    public void json(int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (OutputStream out = outputStream()) {
            out.write(bytes);
        }
    }

    /** Ends the exchange with a status and no body. */
    public void status(int status) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        outputStream().close();
    }

    /** A streaming body; the status and headers must be set before the first write. */
    public OutputStream outputStream() {
        if (!committed) {
            committed = true;
            beforeCommit.forEach(Runnable::run);
        }
        return Content.Sink.asOutputStream(response);
    }

    /**
     * Runs {@code action} once the status is set and just before the response starts, so that what
     * it records (an audit entry) exists before the client sees the answer.
     */
    public void beforeCommit(Runnable action) {
        beforeCommit.add(requireNonNull(action, "action is null"));
    }

    public void setStatus(int status) {
        response.setStatus(status);
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public boolean isCommitted() {
        return committed || response.isCommitted();
    }

    /** Writes the standard error body for {@code code}. */
    public void error(ErrorCode code, String message) throws IOException {
        json(code.status(), new ErrorResponse(code.status(), message, code.reason(), code.name(),
                path(), method(), Instant.now()));
    }

    public Request request() {
        return request;
    }

    public Response response() {
        return response;
    }
}
