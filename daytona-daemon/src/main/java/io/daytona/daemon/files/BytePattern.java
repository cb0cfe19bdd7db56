package io.daytona.daemon.files;

import java.nio.charset.StandardCharsets;

/**
 * A literal text searched for as its UTF-8 bytes, as Go compares strings: no decoding of the
 * haystack, so files in any encoding and with invalid UTF-8 are searched the same way.
 */
final class BytePattern {
    private final byte[] bytes;

    BytePattern(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("pattern is empty");
        }
    }

    int length() {
        return bytes.length;
    }

    /** The first index in {@code [from, to)} at which the whole pattern occurs, or -1. */
    int indexIn(byte[] data, int from, int to) {
        byte first = bytes[0];
        int last = to - bytes.length;
        for (int start = from; start <= last; start++) {
            if (data[start] == first && matchesAt(data, start)) {
                return start;
            }
        }
        return -1;
    }

    private boolean matchesAt(byte[] data, int start) {
        for (int i = 1; i < bytes.length; i++) {
            if (data[start + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
