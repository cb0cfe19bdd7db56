package io.daytona.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The page a browser sees on its first visit to a preview host: it says the content comes from
 * a sandbox, not from the platform, before the user trusts it. "Continue" goes to
 * {@link #ACCEPT_PATH}, which sets a cookie on that host and returns to the page asked for.
 * Programs (no browser navigation) never see it, nor requests with
 * {@code X-Daytona-Skip-Preview-Warning: true}.
 */
final class PreviewWarning {
    static final String SKIP_HEADER = "X-Daytona-Skip-Preview-Warning";
    static final String COOKIE = "daytona-preview-warning-accepted";
    static final String ACCEPT_PATH = "/.daytona/preview-warning/accept";

    private PreviewWarning() {}

    /** Whether this request is a browser opening a page that has not seen the warning yet. */
    static boolean applies(Request request) {
        if (!HttpMethod.GET.is(request.getMethod()) || "true".equalsIgnoreCase(request.getHeaders().get(SKIP_HEADER))) {
            return false;
        }
        if (Request.getPathInContext(request).equals(ACCEPT_PATH)) {
            return true;
        }
        boolean navigation = "navigate".equalsIgnoreCase(request.getHeaders().get("Sec-Fetch-Mode"))
                || (contains(request.getHeaders().get(HttpHeader.ACCEPT), "text/html")
                        && contains(request.getHeaders().get(HttpHeader.USER_AGENT), "Mozilla/"));
        return navigation && !accepted(request);
    }

    private static boolean accepted(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        return cookies.stream().anyMatch(c -> c.getName().equals(COOKIE) && c.getValue().equals("true"));
    }

    /** Answers: the cookie and a redirect for the accept path, the page otherwise. */
    static void respond(Request request, Response response, Callback callback) {
        if (Request.getPathInContext(request).equals(ACCEPT_PATH)) {
            String next = nextPath(request);
            response.setStatus(303);
            response.getHeaders().put(HttpHeader.LOCATION, next);
            response.getHeaders().add(HttpHeader.SET_COOKIE, COOKIE + "=true; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, null, callback);
            return;
        }
        String path = request.getHttpURI().getPathQuery();
        String page = PAGE.replace("{{NEXT}}", html(path == null ? "/" : path))
                .replace("{{HOST}}", html(Request.getServerName(request)));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(page.getBytes(UTF_8)), callback);
    }

    /** Only a path on this host: never another site (no open redirect). */
    private static String nextPath(Request request) {
        Fields query = Request.extractQueryParameters(request);
        String next = query.getValue("next");
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static boolean contains(String header, String part) {
        return header != null && header.contains(part);
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Preview of a Daytona sandbox</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
            code{background:#f2f2f2;padding:.1rem .3rem}button{font-size:1rem;padding:.5rem 1.2rem;cursor:pointer}</style></head>
            <body><h1>You are about to open a sandbox preview</h1>
            <p><code>{{HOST}}</code> serves content from a Daytona sandbox: code that someone (or an AI agent) runs there,
            not a page of the platform. Do not enter passwords or personal data unless you trust whoever made it.</p>
            <form method="get" action="/.daytona/preview-warning/accept">
            <input type="hidden" name="next" value="{{NEXT}}">
            <button type="submit" id="continue">Continue</button></form>
            <p><small>Shown once per preview host. Programs can skip it with the header
            <code>X-Daytona-Skip-Preview-Warning: true</code>.</small></p></body></html>
            """;
}
