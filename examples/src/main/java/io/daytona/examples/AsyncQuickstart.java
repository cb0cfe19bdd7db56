package io.daytona.examples;

import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.ExecuteResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous client: a sandbox created, three commands run in it at once, and the sandbox
 * deleted, every call a {@link CompletableFuture}, as the documentation's async examples do with
 * {@code AsyncDaytona}.
 */
public final class AsyncQuickstart {
    private AsyncQuickstart() {}

    public static void main(String[] args) {
        try (DaytonaAsync daytona = new DaytonaAsync()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns what the three commands printed, in order. */
    public static String run(DaytonaAsync daytona) {
        return daytona.create().thenCompose(sandbox -> {
            List<CompletableFuture<ExecuteResponse>> commands = List.of("echo one", "echo two", "echo three").stream()
                    .map(command -> sandbox.getProcess().executeCommand(command))
                    .toList();
            return CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
                    .thenApply(done -> String.join("", commands.stream().map(command -> command.join().result()).toList()))
                    .whenComplete((output, failure) -> sandbox.delete().join());
        }).join();
    }
}
