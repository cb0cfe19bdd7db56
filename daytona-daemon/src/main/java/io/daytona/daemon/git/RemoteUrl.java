package io.daytona.daemon.git;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository URL split into what git may store ({@link #url()}, written to the remote in
 * {@code .git/config}) and the credentials an {@code https://user:secret@host/...} URL carries,
 * which are used for the call and then forgotten.
 *
 * @param url the URL without a password
 * @param credentials the user and password that were in it, if any
 */
record RemoteUrl(String url, Optional<Credentials> credentials) {
    private static final Pattern USERINFO = Pattern.compile("(?i)^(https?://)([^/?#]*)@(.*)$", Pattern.DOTALL);

    static RemoteUrl parse(String raw) {
        var matcher = USERINFO.matcher(raw);
        if (!matcher.matches()) {
            return new RemoteUrl(raw, Optional.empty());
        }
        String userInfo = matcher.group(2);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            // A user name alone is no secret, and git needs it to ask for the right password.
            return new RemoteUrl(raw, Optional.empty());
        }
        String username = decode(userInfo.substring(0, colon));
        String password = decode(userInfo.substring(colon + 1));
        return new RemoteUrl(matcher.group(1) + matcher.group(3), Credentials.of(username, password));
    }

    /** Hides any password in URLs inside {@code text}, e.g. in git's own messages. */
    static String redactUrls(String text) {
        return text.replaceAll("(?i)(https?://)[^/\\s@'\"]*:[^/\\s@'\"]*@", "$1***@");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    @Override
    public String toString() {
        return "RemoteUrl[url=" + url + ", credentials=" + credentials.map(Credentials::toString).orElse("none") + "]";
    }
}
