package io.daytona.sdk;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs the blocking calls of the synchronous client on virtual threads, one per call: the async
 * classes are thin views over the synchronous ones, so both share one model, one HTTP client and
 * one behaviour. A failure completes the future exceptionally with the same {@link DaytonaException}
 * the synchronous call throws.
 */
final class AsyncCalls {
    private final ExecutorService executor;

    AsyncCalls(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    <T> CompletableFuture<T> supply(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    CompletableFuture<Void> run(Runnable call) {
        return CompletableFuture.runAsync(call, executor);
    }
}
