package io.daytona.daemon.session;

import java.io.ByteArrayOutputStream;

/**
 * Removes stream markers from a framed log read in chunks, for clients that want plain combined
 * output. A marker split across two chunks is held back until the next chunk shows what it is.
 */
final class MarkerStripper {
    private byte[] carry = new byte[0];

    byte[] strip(byte[] chunk, int length) {
        byte[] bytes = new byte[carry.length + length];
        System.arraycopy(carry, 0, bytes, 0, carry.length);
        System.arraycopy(chunk, 0, bytes, carry.length, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int index = 0;
        while (index < bytes.length) {
            if (LogStream.markerAt(bytes, index, bytes.length) != null) {
                index += 3;
                continue;
            }
            if (couldStartMarker(bytes, index)) {
                break;
            }
            out.write(bytes[index++]);
        }
        carry = java.util.Arrays.copyOfRange(bytes, index, bytes.length);
        return out.toByteArray();
    }

    /** Whether the few bytes left at {@code index} are the beginning of a marker. */
    private static boolean couldStartMarker(byte[] bytes, int index) {
        int left = bytes.length - index;
        if (left >= 3 || (bytes[index] != 1 && bytes[index] != 2)) {
            return false;
        }
        for (int i = index + 1; i < bytes.length; i++) {
            if (bytes[i] != bytes[index]) {
                return false;
            }
        }
        return true;
    }
}
