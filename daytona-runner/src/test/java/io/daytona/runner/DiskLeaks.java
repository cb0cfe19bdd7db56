package io.daytona.runner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the kernel still holds of a runner's disks: mounts and loop devices under its data directory. */
final class DiskLeaks {
    private DiskLeaks() {}

    static List<String> mountsUnder(Path directory) throws IOException {
        String root = directory.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4])
                .filter(mount -> mount.startsWith(root))
                .toList();
    }

    static List<String> loopDevicesUnder(Path directory) throws IOException {
        String root = directory.toRealPath().toString();
        List<String> devices = new ArrayList<>();
        try (DirectoryStream<Path> loops = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
            for (Path loop : loops) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.exists(backing) && Files.readString(backing).strip().startsWith(root)) {
                    devices.add(loop.getFileName() + " " + Files.readString(backing).strip());
                }
            }
        }
        return devices;
    }
}
