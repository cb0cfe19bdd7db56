package io.daytona.daemon.files;

import java.io.IOException;

/** Receives results one at a time, so long listings go to the client without piling up in the heap. */
@FunctionalInterface
interface ResultSink<T> {
    void accept(T result) throws IOException;
}
