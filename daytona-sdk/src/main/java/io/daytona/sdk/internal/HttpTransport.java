package io.daytona.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import io.daytona.model.json.Json;
import io.daytona.sdk.DaytonaConnectionException;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends JSON requests (and raw bodies, streamed responses and WebSockets) with the SDK's headers
 * and maps failures to {@link DaytonaException}s. Thread-safe; owns one {@link HttpClient}, which
 * also opens the WebSockets, closed by {@link #close()}.
 *
 * <p>Nothing is retried: a failed call fails once, with the exception of its status.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient httpClient;
    private final ObjectMapper mapper;
    private final Map<String, String> defaultHeaders;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The WebSockets opened and maybe still open: the HTTP client's close would wait for them forever. */
    private final Map<WebSocket, WebSocket.Listener> webSockets = new ConcurrentHashMap<>();

    /**
     * Creates a transport sending {@code defaultHeaders} with every request.
     *
     * <p>HTTP/1.1 is used throughout: the control plane, proxy and daemon speak it, and it keeps
     * plain-http requests free of h2c upgrade attempts.
     *
     * @param defaultHeaders sent with every request, e.g. {@code Authorization}
     */
    public HttpTransport(Map<String, String> defaultHeaders) {
        this.defaultHeaders = Map.copyOf(Objects.requireNonNull(defaultHeaders, "defaultHeaders is null"));
        this.mapper = Json.newMapper();
        // Unset request fields are omitted, as the official SDKs do, rather than sent as null.
        this.mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@return the JSON mapper of the wire format (unset fields omitted when writing)} */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends {@code call} and reads the response body as {@code responseType}.
     *
     * @param call the request
     * @param responseType the type of the response body; {@code Void.class} to ignore it
     * @param <T> the type of the response body
     * @return the body, or null for {@code Void.class} or an empty body
     * @throws DaytonaException (a subclass of it per status) if the call fails
     * @throws IllegalStateException if the transport is closed
     */
    public <T> T send(HttpCall call, Class<T> responseType) {
        return send(call, responseType, call.timeout().orElse(null));
    }

    /**
     * Sends {@code call} with a timeout of the time left until {@code deadline} (none if unbounded);
     * a timeout is reported with the deadline's whole timeout, the one the caller chose.
     *
     * @param call the request
     * @param responseType the type of the response body; {@code Void.class} to ignore it
     * @param deadline the point in time the call must finish by
     * @param <T> the type of the response body
     * @return the body, or null for {@code Void.class} or an empty body
     * @see #send(HttpCall, Class)
     */
    public <T> T send(HttpCall call, Class<T> responseType, Deadline deadline) {
        return send(call.withTimeout(deadline.requestTimeout()), responseType, deadline.timeout());
    }

    private <T> T send(HttpCall call, Class<T> responseType, Duration reportedTimeout) {
        return Failsafe.with(Retries.<T>policyFor(call)).get(() -> sendOnce(call, responseType, reportedTimeout));
    }

    private <T> T sendOnce(HttpCall call, Class<T> responseType, Duration reportedTimeout) {
        HttpResponse<byte[]> response = exchange(call, HttpResponse.BodyHandlers.ofByteArray(), reportedTimeout);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw ErrorMapper.fromResponse(call.operation(), status, response.headers().map(), response.body(), mapper);
        }
        if (responseType == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return mapper.readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new DaytonaException(failed(call, "could not read the response as " + responseType.getSimpleName()
                    + ": " + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage())), status, null, response.headers().map(), e);
        }
    }

    /**
     * Sends {@code call} and returns its successful response with the body still unread, for
     * bodies too large to hold in memory. The caller must close the body. The call's timeout
     * covers the request and the response headers, not the reading of the body.
     *
     * @param call the request
     * @return the response with its body unread
     * @throws DaytonaException (a subclass of it per status) if the call fails; the body of a
     *     failed response is read (up to 64 KiB) for the message and closed
     * @throws IllegalStateException if the transport is closed
     */
    public HttpResponse<InputStream> stream(HttpCall call) {
        HttpResponse<InputStream> response =
                exchange(call, HttpResponse.BodyHandlers.ofInputStream(), call.timeout().orElse(null));
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        throw ErrorMapper.fromResponse(call.operation(), status, response.headers().map(), body, mapper);
    }

    /**
     * Opens a WebSocket to {@code uri} (an http(s) URI, turned into ws(s)) with the default
     * headers, through the one HTTP client of this transport.
     *
     * @param operation what is attempted, for messages
     * @param uri the http(s) URI of the resource
     * @param listener receives the messages; its {@code onOpen} is called before this returns
     * @param timeout how long connecting and the handshake may take
     * @return the open WebSocket
     * @throws DaytonaException (a subclass of it per status) if the server refuses the upgrade
     * @throws DaytonaConnectionException if no connection could be made
     * @throws DaytonaTimeoutException if the handshake does not finish within {@code timeout}
     * @throws IllegalStateException if the transport is closed
     */
    public WebSocket openWebSocket(String operation, URI uri, WebSocket.Listener listener, Duration timeout) {
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(listener, "listener is null");
        Objects.requireNonNull(timeout, "timeout is null");
        if (closed.get()) {
            throw new IllegalStateException("The Daytona client is closed; create a new one");
        }
        URI target = toWebSocketUri(uri);
        WebSocket.Builder builder = httpClient.newWebSocketBuilder().connectTimeout(timeout);
        defaultHeaders.forEach(builder::header);
        CompletableFuture<WebSocket> opening = builder.buildAsync(target, listener);
        try {
            WebSocket webSocket = opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            webSockets.keySet().removeIf(open -> open.isInputClosed() && open.isOutputClosed());
            webSockets.put(webSocket, listener);
            if (closed.get()) {
                webSocket.abort();
                throw new IllegalStateException("The Daytona client was closed during the call");
            }
            return webSocket;
        } catch (TimeoutException e) {
            opening.cancel(true);
            opening.thenAccept(WebSocket::abort);
            throw new DaytonaTimeoutException("Failed to " + operation + ": the WebSocket to " + target
                    + " did not open within " + Deadline.format(timeout), 0, null, Map.of(), e);
        } catch (InterruptedException e) {
            opening.thenAccept(WebSocket::abort);
            Thread.currentThread().interrupt();
            throw new DaytonaException("Failed to " + operation + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                HttpResponse<?> response = handshake.getResponse();
                Object body = response.body();
                byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                        : body instanceof byte[] raw ? raw : new byte[0];
                if (response.statusCode() >= 200 && response.statusCode() <= 299) {
                    throw new DaytonaException("Failed to " + operation + ": the server at " + target
                            + " did not accept the WebSocket upgrade (HTTP " + response.statusCode() + ")", cause);
                }
                throw ErrorMapper.fromResponse(operation, response.statusCode(), response.headers().map(), bytes, mapper);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new DaytonaTimeoutException("Failed to " + operation + ": could not connect to " + hostOf(target)
                        + " within " + Deadline.format(timeout), 0, null, Map.of(), cause);
            }
            if (closed.get()) {
                throw new IllegalStateException("The Daytona client was closed during the call", cause);
            }
            throw new DaytonaConnectionException("Failed to " + operation + ": " + describe(cause) + " (WebSocket " + target + ")", cause);
        }
    }

    /** Turns an http(s) URI into the ws(s) URI of the same resource. */
    static URI toWebSocketUri(URI uri) {
        String scheme = uri.getScheme();
        if ("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) {
            return uri;
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return URI.create("ws" + uri.toString().substring(scheme.length()));
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return URI.create("wss" + uri.toString().substring(scheme.length()));
        }
        throw new IllegalArgumentException("not an http(s) or ws(s) URI: " + uri);
    }

    private <R> HttpResponse<R> exchange(HttpCall call, HttpResponse.BodyHandler<R> handler, Duration reportedTimeout) {
        if (closed.get()) {
            throw new IllegalStateException("The Daytona client is closed; create a new one");
        }
        HttpRequest request = buildRequest(call);
        try {
            return httpClient.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new DaytonaConnectionException(
                    failed(call, "could not connect to " + hostOf(call.uri()) + " within " + Deadline.format(CONNECT_TIMEOUT)), e);
        } catch (HttpTimeoutException e) {
            String within = reportedTimeout == null ? "in time" : "within " + Deadline.format(reportedTimeout);
            throw new DaytonaTimeoutException(failed(call, "no response " + within), 0, null, Map.of(), e);
        } catch (IOException e) {
            if (closed.get()) {
                throw new IllegalStateException("The Daytona client was closed during the call", e);
            }
            if (e.getCause() instanceof UncheckedIOException unchecked) {
                // A request body that could not be read, e.g. a local file that vanished.
                throw new DaytonaException(failed(call, "could not read the request body: " + describe(unchecked.getCause())), e);
            }
            throw new DaytonaConnectionException(failed(call, describe(e) + " (" + call.method() + " " + call.uri() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException(failed(call, "interrupted"), e);
        }
    }

    /**
     * Aborts the open WebSockets and closes the HTTP client, waiting for calls in flight; later
     * calls fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // An aborted WebSocket tells its listener nothing, so the listener is told here.
            webSockets.forEach((webSocket, listener) -> {
                webSocket.abort();
                listener.onError(webSocket, new IOException("the Daytona client was closed"));
            });
            webSockets.clear();
            httpClient.close();
        }
    }

    private HttpRequest buildRequest(HttpCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri());
        defaultHeaders.forEach((name, value) -> {
            if (!call.headers().containsKey(name)) {
                builder.header(name, value);
            }
        });
        call.headers().forEach(builder::header);
        builder.header("Accept", "application/json");
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (call.body() instanceof RawBody raw) {
            publisher = raw.publisher();
            builder.header("Content-Type", raw.contentType());
        } else if (call.body() != null) {
            try {
                publisher = HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(call.body()));
            } catch (JsonProcessingException e) {
                throw new DaytonaException(failed(call, "could not write the request body: " + e.getOriginalMessage()), e);
            }
            builder.header("Content-Type", "application/json");
        }
        builder.method(call.method(), publisher);
        call.timeout().ifPresent(builder::timeout);
        return builder.build();
    }

    private static String failed(HttpCall call, String reason) {
        return ErrorMapper.prefix(call.operation()) + reason;
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * One request: what it is for, its method, URI, optional JSON body and optional timeout.
     *
     * @param operation what was attempted, for messages: {@code "Failed to <operation>: ..."}
     * @param method the HTTP method
     * @param uri the URI
     * @param body the body, sent as JSON unless a {@link RawBody}; null for none
     * @param timeout the timeout of the request; empty for none
     * @param headers headers of this call only, sent after (and replacing) the client's default ones
     */
    public record HttpCall(String operation, String method, URI uri, Object body, Optional<Duration> timeout,
                           Map<String, String> headers) {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param operation what was attempted, for messages: {@code "Failed to <operation>: ..."}
         * @param method the HTTP method
         * @param uri the URI
         * @param body the body, sent as JSON unless a {@link RawBody}; null for none
         * @param timeout the timeout of the request; empty for none
         * @param headers headers of this call only
         */
        public HttpCall {
            Objects.requireNonNull(operation, "operation is null");
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(uri, "uri is null");
            Objects.requireNonNull(timeout, "timeout is null");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
        }

        /**
         * A call with no headers of its own.
         *
         * @param operation what was attempted, for messages: {@code "Failed to <operation>: ..."}
         * @param method the HTTP method
         * @param uri the URI
         * @param body the body, sent as JSON unless a {@link RawBody}; null for none
         * @param timeout the timeout of the request; empty for none
         */
        public HttpCall(String operation, String method, URI uri, Object body, Optional<Duration> timeout) {
            this(operation, method, uri, body, timeout, Map.of());
        }

        /**
         * Returns this call with one more header of its own.
         *
         * @param name the header's name
         * @param value its value
         * @return this call with the header
         */
        public HttpCall withHeader(String name, String value) {
            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
            return new HttpCall(operation, method, uri, body, timeout, all);
        }

        /**
         * A {@code GET} without timeout.
         *
         * @param operation what is attempted, for messages
         * @param uri the URI
         * @return the call
         */
        public static HttpCall get(String operation, URI uri) {
            return new HttpCall(operation, "GET", uri, null, Optional.empty());
        }

        /**
         * A {@code POST} of {@code body} (null for none) without timeout.
         *
         * @param operation what is attempted, for messages
         * @param uri the URI
         * @param body the body, sent as JSON; null for none
         * @return the call
         */
        public static HttpCall post(String operation, URI uri, Object body) {
            return new HttpCall(operation, "POST", uri, body, Optional.empty());
        }

        /**
         * A {@code DELETE} without timeout.
         *
         * @param operation what is attempted, for messages
         * @param uri the URI
         * @return the call
         */
        public static HttpCall delete(String operation, URI uri) {
            return new HttpCall(operation, "DELETE", uri, null, Optional.empty());
        }

        /**
         * Returns this call with a timeout; empty for none.
         *
         * @param value the timeout of the request; empty for none
         * @return this call with a timeout
         */
        public HttpCall withTimeout(Optional<Duration> value) {
            return new HttpCall(operation, method, uri, body, value, headers);
        }
    }

    /**
     * A request body sent as is rather than written as JSON: put it in {@link HttpCall#body()}.
     *
     * @param publisher the bytes
     * @param contentType the value of {@code Content-Type}, e.g. {@code multipart/form-data; boundary=...}
     */
    public record RawBody(HttpRequest.BodyPublisher publisher, String contentType) {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param publisher the bytes
         * @param contentType the value of {@code Content-Type}, e.g. {@code multipart/form-data; boundary=...}
         */
        public RawBody {
            Objects.requireNonNull(publisher, "publisher is null");
            Objects.requireNonNull(contentType, "contentType is null");
        }
    }
}
