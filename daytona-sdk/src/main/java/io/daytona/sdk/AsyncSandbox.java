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

    /** {@return the blocking view of the same sandbox} */
    public Sandbox sync() {
        return sandbox;
    }

    /** {@return the data last received from the server, as the wire record} */
    public io.daytona.model.sandbox.Sandbox data() {
        return sandbox.data();
    }

    /** {@return the sandbox ID} */
    public String getId() {
        return sandbox.getId();
    }

    /** {@return the sandbox name, unique in its organization; the ID unless one was given at creation} */
    public String getName() {
        return sandbox.getName();
    }

    /** {@return the ID of the organization owning the sandbox} */
    public String getOrganizationId() {
        return sandbox.getOrganizationId();
    }

    /** {@return the snapshot the sandbox was created from, or null} */
    public String getSnapshot() {
        return sandbox.getSnapshot();
    }

    /** {@return the OS user commands run as} */
    public String getUser() {
        return sandbox.getUser();
    }

    /** {@return the state last observed, e.g. {@link SandboxState#STARTED}; null if the server sent none} */
    public SandboxState getState() {
        return sandbox.getState();
    }

    /** {@return the state the sandbox is moving towards, or null} */
    public SandboxDesiredState getDesiredState() {
        return sandbox.getDesiredState();
    }

    /** {@return why the sandbox is in state {@code error} or {@code build_failed}, or null} */
    public String getErrorReason() {
        return sandbox.getErrorReason();
    }

    /** {@return the sandbox labels, unmodifiable} */
    public Map<String, String> getLabels() {
        return sandbox.getLabels();
    }

    /** {@return the environment variables set at creation, unmodifiable; empty for sandboxes obtained from {@link Daytona#list()}} */
    public Map<String, String> getEnv() {
        return sandbox.getEnv();
    }

    /** {@return true if the sandbox's preview ports are reachable without authentication} */
    public boolean isPublic() {
        return sandbox.isPublic();
    }

    /** {@return the target (region) the sandbox runs in} */
    public String getTarget() {
        return sandbox.getTarget();
    }

    /** {@return the number of CPUs} */
    public int getCpu() {
        return sandbox.getCpu();
    }

    /** {@return the number of GPUs} */
    public int getGpu() {
        return sandbox.getGpu();
    }

    /** {@return the memory in GiB} */
    public int getMemory() {
        return sandbox.getMemory();
    }

    /** {@return the disk size in GiB} */
    public int getDisk() {
        return sandbox.getDisk();
    }

    /** {@return the minutes of inactivity after which the sandbox stops (0 = never), or null} */
    public Integer getAutoStopInterval() {
        return sandbox.getAutoStopInterval();
    }

    /** {@return the minutes after stopping at which the sandbox is archived, or null} */
    public Integer getAutoArchiveInterval() {
        return sandbox.getAutoArchiveInterval();
    }

    /** {@return the minutes after stopping at which the sandbox is deleted (-1 = never), or null} */
    public Integer getAutoDeleteInterval() {
        return sandbox.getAutoDeleteInterval();
    }

    /** {@return when the sandbox was created, or null} */
    public Instant getCreatedAt() {
        return sandbox.getCreatedAt();
    }

    /** {@return when the sandbox was last updated, or null} */
    public Instant getUpdatedAt() {
        return sandbox.getUpdatedAt();
    }

    /** {@return the base URL of the toolbox proxy; the sandbox's toolbox is at {@code <url>/<id>}} */
    public String getToolboxProxyUrl() {
        return sandbox.getToolboxProxyUrl();
    }

    /** {@return the process API of this sandbox: commands, sessions and terminals (PTY)} */
    public AsyncSandboxProcess getProcess() {
        return process;
    }

    /** {@return the file system API of this sandbox: list, upload, download, search and edit files} */
    public AsyncFileSystem getFs() {
        return fs;
    }

    /** {@return the code interpreter of this sandbox: stateful Python execution with streamed output} */
    public AsyncCodeInterpreter getCodeInterpreter() {
        return codeInterpreter;
    }

    /** {@return the git API of this sandbox: clone, status, branches, commit, push and pull} */
    public AsyncGit getGit() {
        return git;
    }

    /**
     * {@return the desktop of this sandbox: start it, then mouse, keyboard, screenshots, windows,
     * recordings and the accessibility tree}
     */
    public AsyncComputerUse getComputerUse() {
        return computerUse;
    }

    /**
     * The asynchronous {@link Sandbox#start()}: starts the sandbox and waits up to 60 s until it is started.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> start() {
        return calls.run(sandbox::start);
    }

    /**
     * The asynchronous {@link Sandbox#start(Duration)}: starts the sandbox ({@code POST /sandbox/{id}/start})
     * and waits until it is started.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> start(Duration timeout) {
        return calls.run(() -> sandbox.start(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#stop()}: stops the sandbox and waits up to 60 s until it is stopped.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> stop() {
        return calls.run(sandbox::stop);
    }

    /**
     * The asynchronous {@link Sandbox#stop(Duration)}: stops the sandbox ({@code POST /sandbox/{id}/stop}) and
     * waits until it is stopped or, for an ephemeral sandbox, destroyed.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> stop(Duration timeout) {
        return calls.run(() -> sandbox.stop(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#delete()}: deletes the sandbox ({@code DELETE /sandbox/{id}}) without
     * waiting for its removal.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete() {
        return calls.run(sandbox::delete);
    }

    /**
     * The asynchronous {@link Sandbox#delete(Duration)}: deletes the sandbox without waiting for its removal.
     *
     * @param timeout how long the call may take; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete(Duration timeout) {
        return calls.run(() -> sandbox.delete(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#refreshData()}: fetches the sandbox's data again ({@code GET /sandbox/{id}}).
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> refreshData() {
        return calls.run(sandbox::refreshData);
    }

    /**
     * The asynchronous {@link Sandbox#waitUntilStarted(Duration)}: waits until the sandbox is started, polling
     * its state every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> waitUntilStarted(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilStarted(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#waitUntilStopped(Duration)}: waits until the sandbox is stopped or
     * destroyed (a 404 counts as destroyed), polling its state every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> waitUntilStopped(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilStopped(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#getUserHomeDir()}: returns the home directory of the sandbox user, e.g.
     * {@code /home/daytona}.
     *
     * @return a future of the home directory of the sandbox user, e.g. {@code /home/daytona}
     */
    public CompletableFuture<String> getUserHomeDir() {
        return calls.supply(sandbox::getUserHomeDir);
    }

    /**
     * The asynchronous {@link Sandbox#getWorkDir()}: returns the directory commands run in by default.
     *
     * @return a future of the directory commands run in by default
     */
    public CompletableFuture<String> getWorkDir() {
        return calls.supply(sandbox::getWorkDir);
    }

    /**
     * Returns a language server for a project in this sandbox; call {@link LspServer#start()} on it.
     *
     * @param languageId {@code python}, {@code typescript} or {@code javascript}
     * @param pathToProject the project's directory, absolute or relative to the work directory
     * @return a language server for a project in this sandbox
     */
    public AsyncLspServer createLspServer(String languageId, String pathToProject) {
        return new AsyncLspServer(sandbox.createLspServer(languageId, pathToProject), calls);
    }

    /**
     * The asynchronous {@link Sandbox#setLabels(Map)}: replaces the sandbox's labels ({@code PUT
     * /sandbox/{id}/labels}) and returns them.
     *
     * @param labels the labels, replacing the current ones
     * @return a future of the labels now set
     */
    public CompletableFuture<Map<String, String>> setLabels(Map<String, String> labels) {
        return calls.supply(() -> sandbox.setLabels(labels));
    }

    /**
     * The asynchronous {@link Sandbox#setAutostopInterval(int)}: sets the auto-stop interval in minutes (0:
     * never); activity (toolbox calls, previews) postpones the stop.
     *
     * @param minutes the interval in minutes
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> setAutostopInterval(int minutes) {
        return calls.run(() -> sandbox.setAutostopInterval(minutes));
    }

    /**
     * The asynchronous {@link Sandbox#setAutoArchiveInterval(int)}: sets the auto-archive interval in minutes
     * (0: the server's maximum); a stopped sandbox is archived after it.
     *
     * @param minutes the interval in minutes
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> setAutoArchiveInterval(int minutes) {
        return calls.run(() -> sandbox.setAutoArchiveInterval(minutes));
    }

    /**
     * The asynchronous {@link Sandbox#setAutoDeleteInterval(int)}: sets the auto-delete interval in minutes
     * (negative: never; 0: delete as soon as the sandbox stops).
     *
     * @param minutes the interval in minutes
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> setAutoDeleteInterval(int minutes) {
        return calls.run(() -> sandbox.setAutoDeleteInterval(minutes));
    }

    /**
     * The asynchronous {@link Sandbox#refreshActivity()}: records activity now ({@code POST
     * /sandbox/{id}/last-activity}), which postpones auto-stop.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> refreshActivity() {
        return calls.run(sandbox::refreshActivity);
    }

    /**
     * The asynchronous {@link Sandbox#archive()}: archives the stopped sandbox and waits up to 60 s until it is
     * archived: its files move to the archive store and its runner is freed.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> archive() {
        return calls.run(sandbox::archive);
    }

    /**
     * The asynchronous {@link Sandbox#archive(Duration)}: archives the stopped sandbox ({@code POST
     * /sandbox/{id}/archive}) and waits until it is archived.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> archive(Duration timeout) {
        return calls.run(() -> sandbox.archive(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#createSnapshot(String)}: makes a snapshot named {@code name} of the
     * sandbox's files and waits up to 60 s until it is done.
     *
     * @param name the snapshot's name, unique in the organization
     * @return a future of the new snapshot, active: new sandboxes started from it have these files
     */
    public CompletableFuture<io.daytona.model.snapshot.Snapshot> createSnapshot(String name) {
        return calls.supply(() -> sandbox.createSnapshot(name));
    }

    /**
     * The asynchronous {@link Sandbox#createSnapshot(String, Duration)}: makes a snapshot named {@code name} of
     * the sandbox's files ({@code POST /sandbox/{id}/snapshot}): the sandbox is {@code snapshotting} while the
     * runner commits its container, then back in its state.
     *
     * @param name the snapshot's name, unique in the organization
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future of the new snapshot, active
     */
    public CompletableFuture<io.daytona.model.snapshot.Snapshot> createSnapshot(String name, Duration timeout) {
        return calls.supply(() -> sandbox.createSnapshot(name, timeout));
    }

    /**
     * The asynchronous {@link Sandbox#pause()}: pauses the started sandbox and waits up to 60 s until it is paused.
     *
     * @return a future completed when the sandbox is paused
     */
    public CompletableFuture<Void> pause() {
        return calls.run(sandbox::pause);
    }

    /**
     * The asynchronous {@link Sandbox#pause(Duration)}: pauses the started sandbox ({@code POST
     * /sandbox/{id}/pause}) and waits while it is {@code pausing}.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the sandbox is paused
     */
    public CompletableFuture<Void> pause(Duration timeout) {
        return calls.run(() -> sandbox.pause(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#fork()}: forks the sandbox and waits up to 60 s until the fork is started.
     *
     * @return a future of the fork, started
     */
    public CompletableFuture<AsyncSandbox> fork() {
        return calls.supply(() -> new AsyncSandbox(sandbox.fork(), calls));
    }

    /**
     * The asynchronous {@link Sandbox#fork(String)}: forks the sandbox into one called {@code name}
     * and waits up to 60 s until it is started.
     *
     * @param name the fork's name, unique in the organization; null names it after its id
     * @return a future of the fork, started
     */
    public CompletableFuture<AsyncSandbox> fork(String name) {
        return calls.supply(() -> new AsyncSandbox(sandbox.fork(name), calls));
    }

    /**
     * The asynchronous {@link Sandbox#fork(String, Duration)}: forks the sandbox ({@code POST
     * /sandbox/{id}/fork}) and waits until the fork is started.
     *
     * @param name the fork's name, unique in the organization; null names it after its id
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future of the fork, started
     */
    public CompletableFuture<AsyncSandbox> fork(String name, Duration timeout) {
        return calls.supply(() -> new AsyncSandbox(sandbox.fork(name, timeout), calls));
    }

    /**
     * The asynchronous {@link Sandbox#getForks()}: the sandboxes forked from this one, oldest first.
     *
     * @return a future of the forks
     */
    public CompletableFuture<java.util.List<AsyncSandbox>> getForks() {
        return calls.supply(() -> sandbox.getForks().stream().map(f -> new AsyncSandbox(f, calls)).toList());
    }

    /**
     * The asynchronous {@link Sandbox#getParent()}: the sandbox this one was forked from.
     *
     * @return a future of the parent
     */
    public CompletableFuture<AsyncSandbox> getParent() {
        return calls.supply(() -> new AsyncSandbox(sandbox.getParent(), calls));
    }

    /**
     * The asynchronous {@link Sandbox#getAncestors()}: the sandboxes this one descends from, its parent first.
     *
     * @return a future of the ancestors
     */
    public CompletableFuture<java.util.List<AsyncSandbox>> getAncestors() {
        return calls.supply(() -> sandbox.getAncestors().stream().map(a -> new AsyncSandbox(a, calls)).toList());
    }

    /**
     * The asynchronous {@link Sandbox#createBackup()}: backs the sandbox's files up and waits up to 60 s until
     * the backup is done.
     *
     * @return a future completed when the backup is done
     */
    public CompletableFuture<Void> createBackup() {
        return calls.run(sandbox::createBackup);
    }

    /**
     * The asynchronous {@link Sandbox#createBackup(Duration)}: backs the sandbox's files up ({@code POST
     * /sandbox/{id}/backup}) and waits until its backup state is {@code Completed}.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the backup is done
     */
    public CompletableFuture<Void> createBackup(Duration timeout) {
        return calls.run(() -> sandbox.createBackup(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#resize(Resources)}: changes the sandbox's resources and waits up to 60 s
     * until the resize is done.
     *
     * @param resources the new CPU, memory (GiB) and disk (GiB); null fields keep their value
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> resize(Resources resources) {
        return calls.run(() -> sandbox.resize(resources));
    }

    /**
     * The asynchronous {@link Sandbox#resize(Resources, Duration)}: changes the sandbox's resources ({@code
     * POST /sandbox/{id}/resize}) and waits while it is {@code resizing}.
     *
     * @param resources the new CPU, memory (GiB) and disk (GiB); null fields keep their value
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> resize(Resources resources, Duration timeout) {
        return calls.run(() -> sandbox.resize(resources, timeout));
    }

    /**
     * The asynchronous {@link Sandbox#recover()}: recovers a sandbox in a recoverable error state and waits up
     * to 60 s until it is started.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> recover() {
        return calls.run(sandbox::recover);
    }

    /**
     * The asynchronous {@link Sandbox#recover(Duration)}: recovers a sandbox in a recoverable error state
     * ({@code POST /sandbox/{id}/recover}): it goes back to the last stable state it had and starts; waits
     * until it is started.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> recover(Duration timeout) {
        return calls.run(() -> sandbox.recover(timeout));
    }

    /** {@return true if the sandbox is in state {@code error} and can be recovered with {@link #recover()}} */
    public boolean isRecoverable() {
        return sandbox.isRecoverable();
    }

    /** {@return the state of the sandbox's archive: {@code None}, or {@code Completed} once archived} */
    public String getBackupState() {
        return sandbox.getBackupState();
    }

    /**
     * The asynchronous {@link Sandbox#waitUntilArchived(Duration)}: waits until the sandbox is archived,
     * polling its state every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> waitUntilArchived(Duration timeout) {
        return calls.run(() -> sandbox.waitUntilArchived(timeout));
    }

    /**
     * The asynchronous {@link Sandbox#getPreviewLink(int)}: returns the preview link of a port ({@code GET
     * /sandbox/{id}/ports/{port}/preview-url}): the URL and, for a private sandbox, the token to send as
     * {@code X-Daytona-Preview-Token}.
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @return a future of the preview link of a port ({@code GET /sandbox/{id}/ports/{port}/preview-url}): the URL and, for a private sandbox, the token to send as {@code X-Daytona-Preview-Token}
     */
    public CompletableFuture<io.daytona.model.sandbox.PortPreviewUrl> getPreviewLink(int port) {
        return calls.supply(() -> sandbox.getPreviewLink(port));
    }

    /**
     * The asynchronous {@link Sandbox#getSignedPreviewUrl(int)}: returns a signed preview URL of a port, valid
     * for 60 seconds: {@code {port}-{token}.{domain}} opens the port without headers, survives restarts, and
     * can be expired early.
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @return a future of a signed preview URL of a port, valid for 60 seconds: {@code {port}-{token}.{domain}} opens the port without headers, survives restarts, and can be expired early
     */
    public CompletableFuture<io.daytona.model.sandbox.SignedPortPreviewUrl> getSignedPreviewUrl(int port) {
        return calls.supply(() -> sandbox.getSignedPreviewUrl(port));
    }

    /**
     * The asynchronous {@link Sandbox#getSignedPreviewUrl(int, Duration)}: returns a signed preview URL of a
     * port ({@code GET /sandbox/{id}/ports/{port}/signed-preview-url}).
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @param expiresIn how long it works: from 1 second to 1 day, in whole seconds
     * @return a future of a signed preview URL of a port ({@code GET /sandbox/{id}/ports/{port}/signed-preview-url})
     */
    public CompletableFuture<io.daytona.model.sandbox.SignedPortPreviewUrl> getSignedPreviewUrl(int port, Duration expiresIn) {
        return calls.supply(() -> sandbox.getSignedPreviewUrl(port, expiresIn));
    }

    /**
     * The asynchronous {@link Sandbox#expireSignedPreviewUrl(int, String)}: expires a signed preview URL at
     * once ({@code POST /sandbox/{id}/ports/{port}/signed-preview-url/{token}/expire}).
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @param token the token of the signed URL
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> expireSignedPreviewUrl(int port, String token) {
        return calls.run(() -> sandbox.expireSignedPreviewUrl(port, token));
    }

    /**
     * The asynchronous {@link Sandbox#createSshAccess()}: creates SSH access valid for 60 minutes; see
     * {@link #createSshAccess(Duration)}.
     *
     * @return a future of the SSH access: its token, expiry and command
     */
    public CompletableFuture<io.daytona.model.ssh.SshAccess> createSshAccess() {
        return calls.supply(sandbox::createSshAccess);
    }

    /**
     * The asynchronous {@link Sandbox#createSshAccess(Duration)}: creates SSH access to the sandbox ({@code
     * POST /sandbox/{id}/ssh-access}): the token is the SSH user name, as {@link io.daytona.model.ssh.SshAccess#sshCommand()} shows
     * ({@code ssh -p 2222 <token>@host}).
     *
     * @param expiresIn how long the token works, in whole minutes (at least one)
     * @return a future of the SSH access: its token, expiry and command
     */
    public CompletableFuture<io.daytona.model.ssh.SshAccess> createSshAccess(Duration expiresIn) {
        return calls.supply(() -> sandbox.createSshAccess(expiresIn));
    }

    /**
     * The asynchronous {@link Sandbox#revokeSshAccess(String)}: revokes one SSH access token of the sandbox
     * ({@code DELETE /sandbox/{id}/ssh-access?token=}); new connections with it are refused.
     *
     * @param token the SSH access token
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> revokeSshAccess(String token) {
        return calls.run(() -> sandbox.revokeSshAccess(token));
    }

    /**
     * The asynchronous {@link Sandbox#revokeAllSshAccess()}: revokes every SSH access token of the sandbox
     * ({@code DELETE /sandbox/{id}/ssh-access}).
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> revokeAllSshAccess() {
        return calls.run(sandbox::revokeAllSshAccess);
    }

    /**
     * The asynchronous {@link Sandbox#validateSshAccess(String)}: tells whether an SSH access token works now,
     * and for which sandbox ({@code GET /sandbox/ssh-access/validate}).
     *
     * @param token the SSH access token
     * @return a future of whether the token is valid, and the sandbox it opens
     */
    public CompletableFuture<io.daytona.model.ssh.SshAccessValidation> validateSshAccess(String token) {
        return calls.supply(() -> sandbox.validateSshAccess(token));
    }

    @Override
    public String toString() {
        return sandbox.toString();
    }

    /**
     * Tells whether every outgoing connection of the sandbox is blocked.
     *
     * @return true if the network is blocked
     */
    public boolean isNetworkBlockAll() {
        return sandbox.isNetworkBlockAll();
    }

    /**
     * Returns the IPv4 CIDRs the sandbox alone may reach, comma-separated.
     *
     * @return the allow list, or null when every address may be reached
     */
    public String getNetworkAllowList() {
        return sandbox.getNetworkAllowList();
    }

    /**
     * Returns the volumes mounted in the sandbox.
     *
     * @return the mounts, unmodifiable
     */
    public java.util.List<io.daytona.model.sandbox.SandboxVolume> getVolumes() {
        return sandbox.getVolumes();
    }

    /**
     * Returns the declarative build the sandbox's image came from.
     *
     * @return the build, or null for a sandbox of a snapshot
     */
    public io.daytona.model.sandbox.BuildInfo getBuildInfo() {
        return sandbox.getBuildInfo();
    }

    /**
     * Returns when the sandbox's archive was made.
     *
     * @return the time, or null if it was never archived
     */
    public Instant getBackupCreatedAt() {
        return sandbox.getBackupCreatedAt();
    }

    /**
     * The asynchronous {@link Sandbox#updateNetworkSettings(UpdateSandboxNetworkSettings)}: changes the
     * sandbox's network policy ({@code POST /sandbox/{id}/network-settings}); it applies to a started sandbox
     * at once.
     *
     * @param settings the new policy; null fields keep their value, an empty allow list clears it
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> updateNetworkSettings(io.daytona.model.sandbox.UpdateSandboxNetworkSettings settings) {
        return calls.run(() -> sandbox.updateNetworkSettings(settings));
    }
}
