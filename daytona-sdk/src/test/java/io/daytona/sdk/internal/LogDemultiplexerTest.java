package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDemultiplexerTest {
    private static final byte[] OUT = {1, 1, 1};
    private static final byte[] ERR = {2, 2, 2};

    @Test
    void separatesStdoutAndStderrLines() {
        Collected collected = run(log(OUT, "out 1\n", ERR, "err 1\n", OUT, "out 2\n"), Integer.MAX_VALUE);

        assertThat(collected.stdout()).isEqualTo("out 1\nout 2\n");
        assertThat(collected.stderr()).isEqualTo("err 1\n");
    }

    @Test
    void handlesMarkersAndCharactersSplitAtEveryPosition() {
        byte[] log = log(OUT, "héllo ✓\n", ERR, "wörld 😀\n", OUT, "done\n");
        for (int chunk = 1; chunk <= 8; chunk++) {
            Collected collected = run(log, chunk);
            assertThat(collected.stdout()).as("chunk %d", chunk).isEqualTo("héllo ✓\ndone\n");
            assertThat(collected.stderr()).as("chunk %d", chunk).isEqualTo("wörld 😀\n");
            assertThat(String.join("", collected.stdoutPieces())).doesNotContain("\uFFFD");
        }
    }

    @Test
    void keepsMarkerLikeBytesThatAreNotMarkers() {
        Collected collected = run(log(OUT, "a", new byte[] {1, 1}, "b", new byte[] {2}, "c\n"), 1);

        assertThat(collected.stdout()).isEqualTo("a\u0001\u0001b\u0002c\n");
        assertThat(collected.stderr()).isEmpty();
    }

    @Test
    void textBeforeAnyMarkerIsStdoutAndAnUnfinishedMarkerAtTheEndIsText() {
        Collected collected = run(log("plain\n", ERR, "e", new byte[] {1, 1}), 2);

        assertThat(collected.stdout()).isEqualTo("plain\n");
        assertThat(collected.stderr()).isEqualTo("e\u0001\u0001");
    }

    @Test
    void anIncompleteCharacterAtTheEndBecomesAReplacement() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        Collected collected = run(log(OUT, new byte[] {euro[0], euro[1]}), 1);

        assertThat(collected.stdout()).isEqualTo("\uFFFD");
    }

    @Test
    void deliversOutputAsItArrivesNotOnlyAtTheEnd() {
        List<String> stdout = new ArrayList<>();
        LogDemultiplexer demultiplexer = new LogDemultiplexer(stdout::add, text -> { });

        demultiplexer.accept(log(OUT, "first\n"));

        assertThat(stdout).containsExactly("first\n");
    }

    private static Collected run(byte[] log, int chunk) {
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        LogDemultiplexer demultiplexer = new LogDemultiplexer(stdout::add, stderr::add);
        for (int i = 0; i < log.length; i += chunk) {
            byte[] piece = java.util.Arrays.copyOfRange(log, i, Math.min(log.length, i + chunk));
            demultiplexer.accept(piece);
        }
        demultiplexer.finish();
        return new Collected(stdout, stderr);
    }

    private static byte[] log(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] bytes ? bytes : piece.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private record Collected(List<String> stdoutPieces, List<String> stderrPieces) {
        String stdout() {
            return String.join("", stdoutPieces);
        }

        String stderr() {
            return String.join("", stderrPieces);
        }
    }
}
