package io.daytona.daemon.session;

/** The two streams of a command's log, each line of which starts with its stream's marker. */
enum LogStream {
    STDOUT(new byte[] {1, 1, 1}),
    STDERR(new byte[] {2, 2, 2});

    private final byte[] marker;

    LogStream(byte[] marker) {
        this.marker = marker;
    }

    byte[] marker() {
        return marker.clone();
    }

    /** The stream whose marker starts at {@code index}, or null. */
    static LogStream markerAt(byte[] bytes, int index, int end) {
        if (index + 3 > end) {
            return null;
        }
        for (LogStream stream : values()) {
            if (bytes[index] == stream.marker[0] && bytes[index + 1] == stream.marker[1] && bytes[index + 2] == stream.marker[2]) {
                return stream;
            }
        }
        return null;
    }
}
