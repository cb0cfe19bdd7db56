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

    /**
     * The asynchronous {@link CodeInterpreter#runCode(String)}: runs Python {@code code} in the default context
     * and waits for it to finish, for up to the toolbox's default of 10 minutes.
     *
     * @param code the Python source to run
     * @return a future of what it wrote and the exception it raised, if any
     */
    public CompletableFuture<ExecutionResult> runCode(String code) {
        return calls.supply(() -> interpreter.runCode(code));
    }

    /**
     * The asynchronous {@link CodeInterpreter#runCode(String, RunCodeOptions)}: runs Python {@code code} and
     * waits for it to finish, streaming its output to the callbacks of {@code options} as it is produced.
     *
     * @param code the Python source to run
     * @param options the context, environment, timeout and callbacks
     * @return a future of what it wrote and the exception it raised, if any; an exception in the code is not
     *     a failure of the call
     */
    public CompletableFuture<ExecutionResult> runCode(String code, RunCodeOptions options) {
        return calls.supply(() -> interpreter.runCode(code, options));
    }

    /**
     * The asynchronous {@link CodeInterpreter#createContext()}: creates an isolated context that starts in the
     * work directory ({@code POST /process/interpreter/context}).
     *
     * @return a future of the new context, with its ID, language and directory
     */
    public CompletableFuture<InterpreterContext> createContext() {
        return calls.supply(interpreter::createContext);
    }

    /**
     * The asynchronous {@link CodeInterpreter#createContext(String)}: creates an isolated context: a new Python
     * interpreter with its own state.
     *
     * @param cwd the directory it starts in; null for the work directory
     * @return a future of the new context, with its ID, language and directory
     */
    public CompletableFuture<InterpreterContext> createContext(String cwd) {
        return calls.supply(() -> interpreter.createContext(cwd));
    }

    /**
     * The asynchronous {@link CodeInterpreter#listContexts()}: returns the contexts created with
     * {@link #createContext()}, unmodifiable; the default context is not among them.
     *
     * @return a future of the contexts created with {@link #createContext()}, unmodifiable
     */
    public CompletableFuture<List<InterpreterContext>> listContexts() {
        return calls.supply(interpreter::listContexts);
    }

    /**
     * The asynchronous {@link CodeInterpreter#deleteContext(InterpreterContext)}: deletes a context, ending its
     * interpreter and losing its state ({@code DELETE /process/interpreter/context/{id}}).
     *
     * @param context the context, from {@link #createContext()}
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> deleteContext(InterpreterContext context) {
        return calls.run(() -> interpreter.deleteContext(context));
    }
}
