package io.daytona.daemon.port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports in the LISTEN state in the sandbox's network namespace, read from the kernel's
 * socket tables, which show every process's sockets whoever owns them.
 */
final class ListeningPorts {
    private static final String LISTEN = "0A";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private ListeningPorts() {}

    static Set<Integer> read() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        for (Path table : TABLES) {
            if (Files.isReadable(table)) {
                ports.addAll(parse(Files.readAllLines(table)));
            }
        }
        return ports;
    }

    /** Parses lines like {@code 0: 00000000:1F90 00000000:0000 0A ...}; the first line is a header. */
    static Set<Integer> parse(List<String> lines) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 3 && fields[3].equals(LISTEN)) {
                String local = fields[1];
                ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
            }
        }
        return ports;
    }
}
