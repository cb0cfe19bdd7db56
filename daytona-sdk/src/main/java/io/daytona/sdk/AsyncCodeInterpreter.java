package io.daytona.sdk;

import io.daytona.model.toolbox.interpreter.InterpreterContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The stateful code interpreter of an {@link AsyncSandbox}; each method mirrors {@link CodeInterpreter}. */
public final class AsyncCodeInterpreter {
    private final CodeInterpreter interpreter;
    private final AsyncCalls calls;

    AsyncCodeInterpreter(CodeInterpreter interpreter, AsyncCalls calls) {
        this.interpreter = interpreter;
        this.calls = calls;
    }

    /** See {@link CodeInterpreter#runCode(String)}. */
    public CompletableFuture<ExecutionResult> runCode(String code) {
        return calls.supply(() -> interpreter.runCode(code));
    }

    /** See {@link CodeInterpreter#runCode(String, RunCodeOptions)}; the callbacks run while the future is pending. */
    public CompletableFuture<ExecutionResult> runCode(String code, RunCodeOptions options) {
        return calls.supply(() -> interpreter.runCode(code, options));
    }

    /** See {@link CodeInterpreter#createContext()}. */
    public CompletableFuture<InterpreterContext> createContext() {
        return calls.supply(interpreter::createContext);
    }

    /** See {@link CodeInterpreter#createContext(String)}. */
    public CompletableFuture<InterpreterContext> createContext(String cwd) {
        return calls.supply(() -> interpreter.createContext(cwd));
    }

    /** See {@link CodeInterpreter#listContexts()}. */
    public CompletableFuture<List<InterpreterContext>> listContexts() {
        return calls.supply(interpreter::listContexts);
    }

    /** See {@link CodeInterpreter#deleteContext(InterpreterContext)}. */
    public CompletableFuture<Void> deleteContext(InterpreterContext context) {
        return calls.run(() -> interpreter.deleteContext(context));
    }
}
