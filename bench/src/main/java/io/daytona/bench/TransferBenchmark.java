package io.daytona.bench;

import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uploads and downloads one large file through the Java SDK's streamed calls (SDK, proxy, daemon,
 * the sandbox's overlay on the host's disk) against a plain {@code cp} of the same file on the
 * same disk, alternating, and prints MB/s and the ratio.
 *
 * <p>The sandbox's writable layer lives under the engine's storage, which is on the same file
 * system as the host's temporary directory here; {@code cp} neither syncs, nor does the daemon, so
 * both measure the page cache and the disk in the same way.
 *
 * <p>Arguments: {@code [rounds] [size in MiB]} (default 2 and 1024).
 */
public final class TransferBenchmark {
    private static final Duration NO_LIMIT = Duration.ZERO;

    private TransferBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        var data = Files.createTempDirectory("daytona-bench");
        Path source = data.resolve("source.bin");
        Path copy = data.resolve("copy.bin");
        Path downloaded = data.resolve("downloaded.bin");
        writeRandom(source, mib << 20);
        long bytes = Files.size(source);
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build())) {
            Sandbox sandbox = daytona.create();
            try {
                List<Double> cpIn = new ArrayList<>();
                List<Double> up = new ArrayList<>();
                List<Double> cpOut = new ArrayList<>();
                List<Double> down = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    cpIn.add(mbPerSecond(bytes, () -> cp(source, copy)));
                    Files.delete(copy);
                    up.add(mbPerSecond(bytes, () -> sandbox.getFs().uploadFile(source, "big.bin", NO_LIMIT)));
                    cpOut.add(mbPerSecond(bytes, () -> cp(source, copy)));
                    Files.delete(copy);
                    down.add(mbPerSecond(bytes, () -> sandbox.getFs().downloadFile("big.bin", downloaded, NO_LIMIT)));
                    if (Files.size(downloaded) != bytes) {
                        throw new IllegalStateException("downloaded " + Files.size(downloaded) + " bytes of " + bytes);
                    }
                    Files.delete(downloaded);
                    sandbox.getFs().deleteFile("big.bin");
                }
                System.out.printf("%n%d MiB, %d rounds, alternating (best round of each)%n", mib, rounds);
                System.out.printf("%-44s %10s%n", "", "MB/s");
                report("plain cp on the same disk (before upload)", cpIn);
                report("upload (Java SDK uploadFile(Path) -> proxy -> daemon)", up);
                report("plain cp on the same disk (before download)", cpOut);
                report("download (Java SDK downloadFile(.., Path))", down);
                System.out.printf("%-44s %9.0f%%%n", "upload / cp", 100 * best(up) / best(cpIn));
                System.out.printf("%-44s %9.0f%%%n", "download / cp", 100 * best(down) / best(cpOut));
            } finally {
                sandbox.delete();
            }
        } finally {
            Files.deleteIfExists(source);
        }
        System.exit(0);
    }

    private interface Transfer {
        void run() throws Exception;
    }

    private static double mbPerSecond(long bytes, Transfer transfer) throws Exception {
        long start = System.nanoTime();
        transfer.run();
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static void cp(Path from, Path to) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("cp", from.toString(), to.toString()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("cp exited with " + exit);
        }
    }

    /** Random bytes, so that nothing on the way can compress them. */
    private static void writeRandom(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                ThreadLocalRandom.current().nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static double best(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static void report(String label, List<Double> rates) {
        System.out.printf("%-44s %10.0f   (all: %s)%n", label, best(rates),
                rates.stream().map(r -> String.format("%.0f", r)).toList());
    }
}
