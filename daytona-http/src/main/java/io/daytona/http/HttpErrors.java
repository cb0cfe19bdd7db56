package io.daytona.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.error.ErrorResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the standard error body from handlers that do not go through a {@link Router}. */
public final class HttpErrors {
    private HttpErrors() {}

    public static void write(ObjectMapper mapper, Request request, Response response, Callback callback,
                             ErrorCode code, String message) {
        String path = Request.getPathInContext(request);
        try {
            byte[] body = mapper.writeValueAsBytes(new ErrorResponse(code.status(), message, code.reason(), code.name(),
                    path, request.getMethod(), Instant.now()));
            response.setStatus(code.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }
}
