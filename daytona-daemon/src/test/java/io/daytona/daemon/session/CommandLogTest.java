package io.daytona.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLogTest {
    @Test
    void marksEveryLineAndEveryStreamSwitch() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (CommandLog log = new CommandLog(file)) {
            append(log, LogStream.STDOUT, "one\ntw");
            append(log, LogStream.STDERR, "oops\n");
            append(log, LogStream.STDOUT, "o\nthree");
        }
        assertThat(file.toString(StandardCharsets.UTF_8))
                .isEqualTo("\1\1\1one\n\1\1\1tw\2\2\2oops\n\1\1\1o\n\1\1\1three");
    }

    @Test
    void demultiplexesAFramedLog() {
        byte[] framed = "\1\1\1one\n\1\1\1tw\2\2\2oops\n\1\1\1o\n".getBytes(StandardCharsets.UTF_8);
        CommandLog.Demuxed demuxed = CommandLog.demux(framed);
        assertThat(demuxed.stdout()).isEqualTo("one\ntwo\n");
        assertThat(demuxed.stderr()).isEqualTo("oops\n");
        assertThat(demuxed.output()).isEqualTo("one\ntwoops\no\n");
    }

    @Test
    void keepsMultiByteCharactersSplitAcrossWrites() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] text = "héllo\n".getBytes(StandardCharsets.UTF_8);
        try (CommandLog log = new CommandLog(file)) {
            log.append(LogStream.STDOUT, text, 0, 2);
            log.append(LogStream.STDOUT, text, 2, text.length - 2);
        }
        assertThat(CommandLog.demux(file.toByteArray()).stdout()).isEqualTo("héllo\n");
    }

    private static void append(CommandLog log, LogStream stream, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.append(stream, bytes, 0, bytes.length);
    }
}
