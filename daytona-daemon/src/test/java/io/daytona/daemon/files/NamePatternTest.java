package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamePatternTest {
    @Test
    void starAndQuestionMarkMatchAnyRunAndOneCharacter() {
        assertThat(NamePattern.compile("*.txt").matches("notes.txt")).isTrue();
        assertThat(NamePattern.compile("*.txt").matches(".txt")).isTrue();
        assertThat(NamePattern.compile("*.txt").matches("notes.txt.bak")).isFalse();
        assertThat(NamePattern.compile("*").matches(".hidden")).isTrue();
        assertThat(NamePattern.compile("file?.log").matches("file1.log")).isTrue();
        assertThat(NamePattern.compile("file?.log").matches("file12.log")).isFalse();
        assertThat(NamePattern.compile("ß?").matches("ßü")).isTrue();
    }

    @Test
    void classesRangesNegationAndEscapesFollowGo() {
        assertThat(NamePattern.compile("[a-c]x").matches("bx")).isTrue();
        assertThat(NamePattern.compile("[a-c]x").matches("dx")).isFalse();
        assertThat(NamePattern.compile("[^a-c]x").matches("dx")).isTrue();
        assertThat(NamePattern.compile("[^a-c]x").matches("ax")).isFalse();
        assertThat(NamePattern.compile("[\\]]").matches("]")).isTrue();
        assertThat(NamePattern.compile("\\*").matches("*")).isTrue();
        assertThat(NamePattern.compile("\\*").matches("a")).isFalse();
        assertThat(NamePattern.compile("[z-a]").matches("m")).as("an inverted range never matches").isFalse();
    }

    @Test
    void bracesAndRegexCharactersAreLiteral() {
        assertThat(NamePattern.compile("{a,b}.txt").matches("{a,b}.txt")).isTrue();
        assertThat(NamePattern.compile("{a,b}.txt").matches("a.txt")).isFalse();
        assertThat(NamePattern.compile("a.c").matches("abc")).isFalse();
        assertThat(NamePattern.compile("(x)+$").matches("(x)+$")).isTrue();
    }

    @Test
    void rejectsWhatGoCallsABadPattern() {
        for (String bad : new String[] {"[", "[]", "[a", "[^]", "a\\", "[-]", "[a-]"}) {
            assertThatThrownBy(() -> NamePattern.compile(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern '" + bad + "'");
        }
    }
}
