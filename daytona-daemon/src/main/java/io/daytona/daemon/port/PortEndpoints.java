package io.daytona.daemon.port;

import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.port.IsPortInUseResponse;
import io.daytona.model.toolbox.port.PortList;
import java.util.Set;

/** {@code /port}: which ports servers in the sandbox listen on, for previews. */
public final class PortEndpoints {
    private final int daemonPort;

    /** @param daemonPort the daemon's own port, which is not the user's to preview */
    public PortEndpoints(int daemonPort) {
        this.daemonPort = daemonPort;
    }

    public void register(Router router) {
        router.get("/port", ex -> ex.json(200, new PortList(userPorts().stream().toList())));
        router.get("/port/{port}/in-use", ex -> {
            int port = port(ex.pathParam("port"));
            ex.json(200, new IsPortInUseResponse(userPorts().contains(port)));
        });
    }

    private Set<Integer> userPorts() throws java.io.IOException {
        Set<Integer> ports = new java.util.TreeSet<>(ListeningPorts.read());
        ports.remove(daemonPort);
        return ports;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ServiceException.badRequest("port must be a number from 1 to 65535, got '%s'", text);
    }
}
