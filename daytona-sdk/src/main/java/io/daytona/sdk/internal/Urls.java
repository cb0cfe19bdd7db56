package io.daytona.sdk.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Encoding of path segments and query strings. */
public final class Urls {
    private Urls() {}

    /**
     * Percent-encodes {@code value} for use as one path segment (a slash in it is encoded too).
     *
     * @param value the segment
     * @return the segment, encoded
     */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Returns {@code ?k=v&...} for the entries with a non-null value, in the map's order, or "" if there are none.
     *
     * @param parameters the parameters by name; null values are left out
     * @return {@code ?k=v&...} for the entries with a non-null value, in the map's order, or "" if there are none
     */
    public static String query(Map<String, String> parameters) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                joiner.add(component(name) + "=" + component(value));
            }
        });
        return joiner.toString();
    }

    /**
     * Removes trailing slashes from {@code url}.
     *
     * @param url the URL
     * @return the URL without trailing slashes
     */
    public static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String component(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
