package io.daytona.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import io.daytona.sdk.DaytonaConnectionException;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends JSON requests with the SDK's headers and maps failures to {@link DaytonaException}s.
 * Thread-safe; owns one {@link HttpClient}, closed by {@link #close()}.
 *
 * <p>Nothing is retried: a failed call fails once, with the exception of its status.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient httpClient;
    private final ObjectMapper mapper;
    private final Map<String, String> defaultHeaders;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates a transport sending {@code defaultHeaders} with every request.
     *
     * <p>HTTP/1.1 is used throughout: the control plane, proxy and daemon speak it, and it keeps
     * plain-http requests free of h2c upgrade attempts.
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

    /** Returns the JSON mapper of the wire format (unset fields omitted when writing). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends {@code call} and reads the response body as {@code responseType}.
     *
     * @param responseType the type of the response body; {@code Void.class} to ignore it
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
     * @see #send(HttpCall, Class)
     */
    public <T> T send(HttpCall call, Class<T> responseType, Deadline deadline) {
        return send(call.withTimeout(deadline.requestTimeout()), responseType, deadline.timeout());
    }

    private <T> T send(HttpCall call, Class<T> responseType, Duration reportedTimeout) {
        if (closed.get()) {
            throw new IllegalStateException("The Daytona client is closed; create a new one");
        }
        HttpRequest request = buildRequest(call);
        HttpResponse<byte[]> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
            throw new DaytonaConnectionException(failed(call, describe(e) + " (" + call.method() + " " + call.uri() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException(failed(call, "interrupted"), e);
        }
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

    /** Closes the HTTP client, waiting for calls in flight; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            httpClient.close();
        }
    }

    private HttpRequest buildRequest(HttpCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri());
        defaultHeaders.forEach(builder::header);
        builder.header("Accept", "application/json");
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (call.body() != null) {
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
        return "Failed to " + call.operation() + ": " + reason;
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * One request: what it is for, its method, URI, optional JSON body and optional timeout.
     *
     * @param operation what was attempted, for messages: {@code "Failed to <operation>: ..."}
     */
    public record HttpCall(String operation, String method, URI uri, Object body, Optional<Duration> timeout) {
        public HttpCall {
            Objects.requireNonNull(operation, "operation is null");
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(uri, "uri is null");
            Objects.requireNonNull(timeout, "timeout is null");
        }

        /** A {@code GET} without timeout. */
        public static HttpCall get(String operation, URI uri) {
            return new HttpCall(operation, "GET", uri, null, Optional.empty());
        }

        /** A {@code POST} of {@code body} (null for none) without timeout. */
        public static HttpCall post(String operation, URI uri, Object body) {
            return new HttpCall(operation, "POST", uri, body, Optional.empty());
        }

        /** A {@code DELETE} without timeout. */
        public static HttpCall delete(String operation, URI uri) {
            return new HttpCall(operation, "DELETE", uri, null, Optional.empty());
        }

        /** Returns this call with a timeout; empty for none. */
        public HttpCall withTimeout(Optional<Duration> value) {
            return new HttpCall(operation, method, uri, body, value);
        }
    }
}
