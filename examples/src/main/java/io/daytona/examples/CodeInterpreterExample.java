package io.daytona.examples;

import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.ExecutionResult;
import io.daytona.sdk.RunCodeOptions;
import io.daytona.sdk.Sandbox;

/**
 * The stateful code interpreter: state kept between runs of the default context, an isolated
 * context of its own, and output streamed to a callback while the code runs.
 */
public final class CodeInterpreterExample {
    private CodeInterpreterExample() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns the streamed lines followed by what each context printed. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            var interpreter = sandbox.getCodeInterpreter();
            interpreter.runCode("x = 10");
            // Output arrives in chunks as Python writes it (a print may come as its text, then its newline).
            StringBuilder streamed = new StringBuilder();
            ExecutionResult shared = interpreter.runCode("""
                    import time
                    for i in range(3):
                        print(f"step {i}, x = {x}", flush=True)
                        time.sleep(0.1)
                    """, RunCodeOptions.builder().onStdout(message -> streamed.append(message.output())).build());

            InterpreterContext isolated = interpreter.createContext();
            try {
                ExecutionResult separate = interpreter.runCode("print('x' in globals())",
                        RunCodeOptions.builder().context(isolated).build());
                return streamed + "default context: " + shared.stdout().lines().count() + " lines\n"
                        + "isolated context sees x: " + separate.stdout().strip();
            } finally {
                interpreter.deleteContext(isolated);
            }
        } finally {
            sandbox.delete();
        }
    }
}
