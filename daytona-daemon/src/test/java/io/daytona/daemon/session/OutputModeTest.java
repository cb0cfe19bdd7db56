package io.daytona.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputModeTest {
    @Test
    void followsTheSdkVersionRules() {
        assertThat(OutputMode.of(Optional.empty(), false)).isEqualTo(OutputMode.COMBINED);
        assertThat(OutputMode.of(Optional.empty(), true)).isEqualTo(OutputMode.FRAMED);
        assertThat(OutputMode.of(Optional.of("0.26.9"), false)).isEqualTo(OutputMode.COMBINED);
        assertThat(OutputMode.of(Optional.of("0.27.0"), false)).isEqualTo(OutputMode.FRAMED);
        assertThat(OutputMode.of(Optional.of("0.166.3"), false)).isEqualTo(OutputMode.FRAMED);
        assertThat(OutputMode.of(Optional.of("0.167.0"), false)).isEqualTo(OutputMode.DEMUXED);
        assertThat(OutputMode.of(Optional.of("0.190.1"), false)).isEqualTo(OutputMode.DEMUXED);
        assertThat(OutputMode.of(Optional.of("dev"), false)).isEqualTo(OutputMode.DEMUXED);
        assertThat(OutputMode.of(Optional.of("0.20.0-dev"), false)).isEqualTo(OutputMode.DEMUXED);
    }
}
