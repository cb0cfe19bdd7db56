package io.daytona.sdk;

import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A sandbox seen through {@link DaytonaAsync}: the same data as {@link Sandbox} (read without any
 * call), and every call returning a {@link CompletableFuture}. Thread-safe as {@link Sandbox} is.
 */
public final class AsyncSandbox {
    private final Sandbox sandbox;
    private final AsyncCalls calls;
    private final AsyncSandboxProcess process;
    private final AsyncFileSystem fs;
    private final AsyncCodeInterpreter codeInterpreter;
    private final AsyncGit git;

    AsyncSandbox(Sandbox sandbox, AsyncCalls calls) {
        this.sandbox = sandbox;
        this.calls = calls;
        this.process = new AsyncSandboxProcess(sandbox.getProcess(), calls);
        this.fs = new AsyncFileSystem(sandbox.getFs(), calls);
        this.codeInterpreter = new AsyncCodeInterpreter(sandbox.getCodeInterpreter(), calls);
        this.git = new AsyncGit(sandbox.getGit(), calls);
    }

    /** Returns the blocking view of the same sandbox. */
    public Sandbox sync() {
        return sandbox;
    }

    /** Returns the sandbox as last read from the API; see {@link Sandbox#data()}. */
    public io.daytona.model.sandbox.Sandbox data() {
        return sandbox.data();
    }

    public String getId() {
        return sandbox.getId();
    }

    public String getName() {
        return sandbox.getName();
    }

    public String getOrganizationId() {
        return sandbox.getOrganizationId();
    }

    public String getSnapshot() {
        return sandbox.getSnapshot();
    }

    public String getUser() {
        return sandbox.getUser();
    }

    public SandboxState getState() {
        return sandbox.getState();
    }

    public SandboxDesiredState getDesiredState() {
        return sandbox.getDesiredState();
    }

    public String getErrorReason() {
        return sandbox.getErrorReason();
    }

    public Map<String, String> getLabels() {
        return sandbox.getLabels();
    }

    public Map<String, String> getEnv() {
        return sandbox.getEnv();
    }

    public boolean isPublic() {
        return sandbox.isPublic();
    }

    public String getTarget() {
        return sandbox.getTarget();
    }

    public int getCpu() {
        return sandbox.getCpu();
    }

    public int getGpu() {
        return sandbox.getGpu();
    }

    public int getMemory() {
        return sandbox.getMemory();
    }

    public int getDisk() {
        return sandbox.getDisk();
    }

    public Integer getAutoStopInterval() {
        return sandbox.getAutoStopInterval();
    }

    public Integer getAutoArchiveInterval() {
        return sandbox.getAutoArchiveInterval();
    }

    public Integer getAutoDeleteInterval() {
        return sandbox.getAutoDeleteInterval();
    }

    public Instant getCreatedAt() {
        return sandbox.getCreatedAt();
    }

    public Instant getUpdatedAt() {
        return sandbox.getUpdatedAt();
    }

    public String getToolboxProxyUrl() {
        return sandbox.getToolboxProxyUrl();
    }

    /** Commands, sessions and terminals; see {@link Sandbox#getProcess()}. */
    public AsyncSandboxProcess getProcess() {
        return process;
    }

    /** Files; see {@link Sandbox#getFs()}. */
    public AsyncFileSystem getFs() {
        return fs;
    }

    /** The stateful code interpreter; see {@link Sandbox#getCodeInterpreter()}. */
    public AsyncCodeInterpreter getCodeInterpreter() {
        return codeInterpreter;
    }

    /** Git repositories; see {@link Sandbox#getGit()}. */
    public AsyncGit getGit() {
        return git;
    }

    /** See {@link Sandbox#start()}. */
    public CompletableFuture<Void> start() {
        return calls.run(sandbox::start);
    }

    /** See {@link Sandbox#start(Duration)}. */
    public CompletableFuture<Void> start(Duration timeout) {
        return calls.run(() -> sandbox.start(timeout));
    }

    /** See {@link Sandbox#stop()}. */
    public CompletableFuture<Void> stop() {
        return calls.run(sandbox::stop);
    }

    /** See {@link Sandbox#stop(Duration)}. */
    public CompletableFuture<Void> stop(Duration timeout) {
        return calls.run(() -> sandbox.stop(timeout));
    }

    /** See {@link Sandbox#delete()}. */
    public CompletableFuture<Void> delete() {
        return calls.run(sandbox::delete);
    }

    /** See {@link Sandbox#delete(Duration)}. */
    public CompletableFuture<Void> delete(Duration timeout) {
        return calls.run(() -> sandbox.delete(timeout));
    }

    /** See {@link Sandbox#refreshData()}. */
    public CompletableFuture<Void> refreshData() {
        return calls.run(sandbox::refreshData);
    }

    /** See {@link Sandbox#waitUntilStarted(Duration)}. */
    public CompletableFuture<Void> waitUntilStarted(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilStarted(timeout));
    }

    /** See {@link Sandbox#waitUntilStopped(Duration)}. */
    public CompletableFuture<Void> waitUntilStopped(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilStopped(timeout));
    }

    /** See {@link Sandbox#getUserHomeDir()}. */
    public CompletableFuture<String> getUserHomeDir() {
        return calls.supply(sandbox::getUserHomeDir);
    }

    /** See {@link Sandbox#getWorkDir()}. */
    public CompletableFuture<String> getWorkDir() {
        return calls.supply(sandbox::getWorkDir);
    }

    @Override
    public String toString() {
        return sandbox.toString();
    }
}
