package io.daytona.proxy;

import java.util.Optional;

/**
 * A preview host name: {@code {port}-{sandboxId}.{proxy domain}}, or {@code {port}-{token}.{proxy domain}}
 * for a signed preview URL.
 *
 * @param port the sandbox port to reach
 * @param sandboxIdOrToken the sandbox, or a signed preview token
 */
record PreviewHost(int port, String sandboxIdOrToken) {
    private static final int MAX_ID_LENGTH = 63;

    /**
     * Parses the host's first label, {@code (\d{1,5})-([a-z0-9][a-z0-9-]{0,62})} case-insensitively,
     * by hand: every proxied request goes through here, and a regular expression cost a few
     * percent of a preview request.
     */
    static Optional<PreviewHost> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        int dot = host.indexOf('.');
        int dash = host.indexOf('-');
        if (dot <= 0 || dash <= 0 || dash > 5 || dash > dot) {
            return Optional.empty();
        }
        int port = 0;
        for (int i = 0; i < dash; i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            port = port * 10 + (c - '0');
        }
        int length = dot - dash - 1;
        if (port < 1 || port > 65535 || length < 1 || length > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            char c = host.charAt(dash + 1 + i);
            c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (c != '-' || i == 0)) {
                return Optional.empty();
            }
            id[i] = c;
        }
        return Optional.of(new PreviewHost(port, new String(id)));
    }
}
