package io.daytona.model.toolbox.interpreter;

import java.util.List;

/** The contexts a caller created; the default context is not listed. */
public record ListContextsResponse(List<InterpreterContext> contexts) {
    public ListContextsResponse {
        contexts = List.copyOf(contexts);
    }
}
