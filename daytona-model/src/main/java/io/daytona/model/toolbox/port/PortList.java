package io.daytona.model.toolbox.port;

import java.util.List;

/** The TCP ports something listens on in the sandbox. */
public record PortList(List<Integer> ports) {
    public PortList {
        ports = List.copyOf(ports);
    }
}
