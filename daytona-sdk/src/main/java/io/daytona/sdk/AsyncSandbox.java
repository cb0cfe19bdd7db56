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
    private final AsyncComputerUse computerUse;

    AsyncSandbox(Sandbox sandbox, AsyncCalls calls) {
        this.sandbox = sandbox;
        this.calls = calls;
        this.process = new AsyncSandboxProcess(sandbox.getProcess(), calls);
        this.fs = new AsyncFileSystem(sandbox.getFs(), calls);
        this.codeInterpreter = new AsyncCodeInterpreter(sandbox.getCodeInterpreter(), calls);
        this.git = new AsyncGit(sandbox.getGit(), calls);
        this.computerUse = new AsyncComputerUse(sandbox.getComputerUse(), calls);
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

    /** The desktop; see {@link Sandbox#getComputerUse()}. */
    public AsyncComputerUse getComputerUse() {
        return computerUse;
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

    /** A language server for {@code languageId} in {@code pathToProject}; start it before use. See {@link Sandbox#createLspServer(String, String)}. */
    public AsyncLspServer createLspServer(String languageId, String pathToProject) {
        return new AsyncLspServer(sandbox.createLspServer(languageId, pathToProject), calls);
    }

    /** See {@link Sandbox#setLabels(Map)}. */
    public CompletableFuture<Map<String, String>> setLabels(Map<String, String> labels) {
        return calls.supply(() -> sandbox.setLabels(labels));
    }

    /** See {@link Sandbox#setAutostopInterval(int)}. */
    public CompletableFuture<Void> setAutostopInterval(int minutes) {
        return calls.run(() -> sandbox.setAutostopInterval(minutes));
    }

    /** See {@link Sandbox#setAutoArchiveInterval(int)}. */
    public CompletableFuture<Void> setAutoArchiveInterval(int minutes) {
        return calls.run(() -> sandbox.setAutoArchiveInterval(minutes));
    }

    /** See {@link Sandbox#setAutoDeleteInterval(int)}. */
    public CompletableFuture<Void> setAutoDeleteInterval(int minutes) {
        return calls.run(() -> sandbox.setAutoDeleteInterval(minutes));
    }

    /** See {@link Sandbox#refreshActivity()}. */
    public CompletableFuture<Void> refreshActivity() {
        return calls.run(sandbox::refreshActivity);
    }

    /** See {@link Sandbox#archive()}. */
    public CompletableFuture<Void> archive() {
        return calls.run(sandbox::archive);
    }

    /** See {@link Sandbox#archive(Duration)}. */
    public CompletableFuture<Void> archive(Duration timeout) {
        return calls.run(() -> sandbox.archive(timeout));
    }

    /** See {@link Sandbox#createSnapshot(String)}. */
    public CompletableFuture<io.daytona.model.snapshot.Snapshot> createSnapshot(String name) {
        return calls.supply(() -> sandbox.createSnapshot(name));
    }

    /** See {@link Sandbox#createSnapshot(String, Duration)}. */
    public CompletableFuture<io.daytona.model.snapshot.Snapshot> createSnapshot(String name, Duration timeout) {
        return calls.supply(() -> sandbox.createSnapshot(name, timeout));
    }

    /** See {@link Sandbox#resize(Resources)}. */
    public CompletableFuture<Void> resize(Resources resources) {
        return calls.run(() -> sandbox.resize(resources));
    }

    /** See {@link Sandbox#resize(Resources, Duration)}. */
    public CompletableFuture<Void> resize(Resources resources, Duration timeout) {
        return calls.run(() -> sandbox.resize(resources, timeout));
    }

    /** See {@link Sandbox#recover()}. */
    public CompletableFuture<Void> recover() {
        return calls.run(sandbox::recover);
    }

    /** See {@link Sandbox#recover(Duration)}. */
    public CompletableFuture<Void> recover(Duration timeout) {
        return calls.run(() -> sandbox.recover(timeout));
    }

    public boolean isRecoverable() {
        return sandbox.isRecoverable();
    }

    public String getBackupState() {
        return sandbox.getBackupState();
    }

    /** See {@link Sandbox#waitUntilArchived(Duration)}. */
    public CompletableFuture<Void> waitUntilArchived(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilArchived(timeout));
    }

    /** See {@link Sandbox#getPreviewLink(int)}. */
    public CompletableFuture<io.daytona.model.sandbox.PortPreviewUrl> getPreviewLink(int port) {
        return calls.supply(() -> sandbox.getPreviewLink(port));
    }

    /** See {@link Sandbox#getSignedPreviewUrl(int)}. */
    public CompletableFuture<io.daytona.model.sandbox.SignedPortPreviewUrl> getSignedPreviewUrl(int port) {
        return calls.supply(() -> sandbox.getSignedPreviewUrl(port));
    }

    /** See {@link Sandbox#getSignedPreviewUrl(int, Duration)}. */
    public CompletableFuture<io.daytona.model.sandbox.SignedPortPreviewUrl> getSignedPreviewUrl(int port, Duration expiresIn) {
        return calls.supply(() -> sandbox.getSignedPreviewUrl(port, expiresIn));
    }

    /** See {@link Sandbox#expireSignedPreviewUrl(int, String)}. */
    public CompletableFuture<Void> expireSignedPreviewUrl(int port, String token) {
        return calls.run(() -> sandbox.expireSignedPreviewUrl(port, token));
    }

    /** See {@link Sandbox#createSshAccess()}. */
    public CompletableFuture<io.daytona.model.ssh.SshAccess> createSshAccess() {
        return calls.supply(sandbox::createSshAccess);
    }

    /** See {@link Sandbox#createSshAccess(Duration)}. */
    public CompletableFuture<io.daytona.model.ssh.SshAccess> createSshAccess(Duration expiresIn) {
        return calls.supply(() -> sandbox.createSshAccess(expiresIn));
    }

    /** See {@link Sandbox#revokeSshAccess(String)}. */
    public CompletableFuture<Void> revokeSshAccess(String token) {
        return calls.run(() -> sandbox.revokeSshAccess(token));
    }

    /** See {@link Sandbox#revokeAllSshAccess()}. */
    public CompletableFuture<Void> revokeAllSshAccess() {
        return calls.run(sandbox::revokeAllSshAccess);
    }

    /** See {@link Sandbox#validateSshAccess(String)}. */
    public CompletableFuture<io.daytona.model.ssh.SshAccessValidation> validateSshAccess(String token) {
        return calls.supply(() -> sandbox.validateSshAccess(token));
    }

    @Override
    public String toString() {
        return sandbox.toString();
    }
}
