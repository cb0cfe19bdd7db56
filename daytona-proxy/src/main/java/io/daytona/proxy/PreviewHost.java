package io.daytona.proxy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A preview host name: {@code {port}-{sandboxId}.{proxy domain}}, or {@code {port}-{token}.{proxy domain}}
 * for a signed preview URL.
 *
 * @param port the sandbox port to reach
 * @param sandboxIdOrToken the sandbox, or a signed preview token
 */
record PreviewHost(int port, String sandboxIdOrToken) {
    private static final Pattern LABEL = Pattern.compile("(\\d{1,5})-([a-z0-9][a-z0-9-]{0,62})");

    static Optional<PreviewHost> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Matcher matcher = LABEL.matcher(host.substring(0, dot).toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(1));
        return port >= 1 && port <= 65535 ? Optional.of(new PreviewHost(port, matcher.group(2))) : Optional.empty();
    }
}
