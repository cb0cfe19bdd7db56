package io.daytona.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkerStripperTest {
    @Test
    void removesMarkersEvenWhenAChunkEndsInsideOne() {
        MarkerStripper stripper = new MarkerStripper();
        StringBuilder out = new StringBuilder();
        for (String chunk : new String[] {"\1\1\1one\n\1", "\1\1two\n\2\2", "\2err\n\1\1\1", "end"}) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            out.append(new String(stripper.strip(bytes, bytes.length), StandardCharsets.UTF_8));
        }
        assertThat(out).hasToString("one\ntwo\nerr\nend");
    }

    @Test
    void passesOnBytesThatOnlyLookLikeTheStartOfAMarker() {
        MarkerStripper stripper = new MarkerStripper();
        byte[] first = {'a', 1};
        byte[] second = {'b'};
        assertThat(stripper.strip(first, 2)).containsExactly('a');
        assertThat(stripper.strip(second, 1)).containsExactly(1, 'b');
    }
}
