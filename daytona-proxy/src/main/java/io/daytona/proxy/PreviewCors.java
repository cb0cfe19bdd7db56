package io.daytona.proxy;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The proxy's default CORS handling of preview hosts: any origin may call a preview with
 * credentials (the preview's own authorization decides who gets in), preflights are answered
 * here, and the sandbox server's own CORS headers are replaced so browsers never see two
 * {@code Access-Control-Allow-Origin}. {@code X-Daytona-Disable-CORS: true} turns it off.
 */
final class PreviewCors {
    private PreviewCors() {}

    static boolean isPreflight(Request request) {
        return HttpMethod.OPTIONS.is(request.getMethod())
                && request.getHeaders().get(HttpHeader.ORIGIN) != null
                && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    static void answerPreflight(Request request, Response response, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, request.getHeaders().get(HttpHeader.ORIGIN));
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD));
        String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        if (asked != null) {
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "3600");
        headers.put(HttpHeader.VARY, "Origin");
        response.setStatus(204);
        response.write(true, null, callback);
    }

    private static boolean isCors(HttpField field) {
        return field.is(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN.asString()) || field.is(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS.asString());
    }

    /** The response with the proxy's CORS headers, ignoring the sandbox server's. */
    static Response allowing(Request request, Response response, String origin) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        // Jetty's proxy copies the server's headers with put (replacing) and add: both keep ours.
        HttpFields.Mutable headers = new HttpFields.Mutable.Wrapper(response.getHeaders()) {
            @Override
            public HttpField onAddField(HttpField field) {
                return isCors(field) ? null : field;
            }

            @Override
            public HttpField onReplaceField(HttpField oldField, HttpField newField) {
                return isCors(newField) ? oldField : newField;
            }
        };
        return new Response.Wrapper(request, response) {
            @Override
            public HttpFields.Mutable getHeaders() {
                return headers;
            }
        };
    }
}
