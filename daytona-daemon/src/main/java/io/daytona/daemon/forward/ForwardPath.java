package io.daytona.daemon.forward;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.util.Optional;

/**
 * A parsed {@code /proxy/{port}/{path}}: the port of a server inside the sandbox and the path to
 * ask it for, still percent-encoded as the caller sent it.
 *
 * @param port the sandbox-local port, 1 to 65535 and never the daemon's own
 * @param path the upstream path, starting with {@code /}
 */
record ForwardPath(int port, String path) {
    static final String PREFIX = "/proxy/";

    /**
     * Empty when the path is not a forwarding path at all; a 400 when it is one with a port that
     * cannot be forwarded to.
     */
    static Optional<ForwardPath> parse(String rawPath, int daemonPort) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String portText = slash < 0 ? rest : rest.substring(0, slash);
        int port = port(portText);
        if (port == daemonPort) {
            throw new ServiceException(ErrorCode.BAD_REQUEST,
                    "Port " + port + " is the toolbox daemon itself and cannot be forwarded to");
        }
        return Optional.of(new ForwardPath(port, slash < 0 ? "/" : rest.substring(slash)));
    }

    private static int port(String text) {
        int port;
        try {
            port = text.length() > 5 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new ServiceException(ErrorCode.BAD_REQUEST,
                    "Invalid port '" + text + "' in /proxy/{port}: use a number from 1 to 65535");
        }
        return port;
    }
}
