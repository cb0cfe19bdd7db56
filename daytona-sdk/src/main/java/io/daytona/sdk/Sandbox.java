package io.daytona.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.daytona.model.sandbox.PortPreviewUrl;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.SignedPortPreviewUrl;
import io.daytona.model.sandbox.ToolboxProxyUrl;
import io.daytona.model.ssh.SshAccess;
import io.daytona.model.ssh.SshAccessValidation;
import io.daytona.model.toolbox.DirResponse;
import io.daytona.sdk.internal.Backoff;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.ErrorMapper;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sandbox: an isolated container in which commands run. Obtained from {@link Daytona#create()},
 * {@link Daytona#get(String)} or {@link Daytona#list()}.
 *
 * <p>The getters read the last data received from the server; {@link #refreshData()} fetches it
 * again, and every lifecycle call updates it. Thread-safe: the data is replaced as a whole.
 */
public final class Sandbox {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final HttpTransport transport;
    private final String apiUrl;
    private final SandboxProcess process;
    private final FileSystem fs;
    private final CodeInterpreter codeInterpreter;
    private final Git git;
    private final ComputerUse computerUse;
    private volatile io.daytona.model.sandbox.Sandbox data;
    private volatile String fetchedToolboxProxyUrl;

    Sandbox(HttpTransport transport, String apiUrl, io.daytona.model.sandbox.Sandbox data) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
        this.data = requireData(data, "read sandbox");
        this.process = new SandboxProcess(this, transport);
        this.fs = new FileSystem(this, transport);
        this.codeInterpreter = new CodeInterpreter(this, transport);
        this.git = new Git(this, transport);
        this.computerUse = new ComputerUse(this, transport);
    }

    /** {@return the data last received from the server, as the wire record} */
    public io.daytona.model.sandbox.Sandbox data() {
        return data;
    }

    /** {@return the sandbox ID} */
    public String getId() {
        return data.id();
    }

    /** {@return the sandbox name, unique in its organization; the ID unless one was given at creation} */
    public String getName() {
        return data.name();
    }

    /** {@return the ID of the organization owning the sandbox} */
    public String getOrganizationId() {
        return data.organizationId();
    }

    /** {@return the snapshot the sandbox was created from, or null} */
    public String getSnapshot() {
        return data.snapshot();
    }

    /** {@return the OS user commands run as} */
    public String getUser() {
        return data.user();
    }

    /** {@return the state last observed, e.g. {@link SandboxState#STARTED}; null if the server sent none} */
    public SandboxState getState() {
        return data.state();
    }

    /** {@return the state the sandbox is moving towards, or null} */
    public SandboxDesiredState getDesiredState() {
        return data.desiredState();
    }

    /** {@return why the sandbox is in state {@code error} or {@code build_failed}, or null} */
    public String getErrorReason() {
        return data.errorReason();
    }

    /** {@return the sandbox labels, unmodifiable} */
    public Map<String, String> getLabels() {
        return data.labels();
    }

    /** {@return the environment variables set at creation, unmodifiable; empty for sandboxes obtained from {@link Daytona#list()}} */
    public Map<String, String> getEnv() {
        return data.env();
    }

    /** {@return true if the sandbox's preview ports are reachable without authentication} */
    public boolean isPublic() {
        return data.isPublic();
    }

    /** {@return the target (region) the sandbox runs in} */
    public String getTarget() {
        return data.target();
    }

    /** {@return the number of CPUs} */
    public int getCpu() {
        return data.cpu();
    }

    /** {@return the number of GPUs} */
    public int getGpu() {
        return data.gpu();
    }

    /** {@return the memory in GiB} */
    public int getMemory() {
        return data.memory();
    }

    /** {@return the disk size in GiB} */
    public int getDisk() {
        return data.disk();
    }

    /** {@return the minutes of inactivity after which the sandbox stops (0 = never), or null} */
    public Integer getAutoStopInterval() {
        return data.autoStopInterval();
    }

    /** {@return the minutes after stopping at which the sandbox is archived, or null} */
    public Integer getAutoArchiveInterval() {
        return data.autoArchiveInterval();
    }

    /** {@return the minutes after stopping at which the sandbox is deleted (-1 = never), or null} */
    public Integer getAutoDeleteInterval() {
        return data.autoDeleteInterval();
    }

    /** {@return when the sandbox was created, or null} */
    public Instant getCreatedAt() {
        return data.createdAt();
    }

    /** {@return when the sandbox was last updated, or null} */
    public Instant getUpdatedAt() {
        return data.updatedAt();
    }

    /**
     * Tells whether every outgoing connection of the sandbox is blocked.
     *
     * @return true if the network is blocked
     */
    public boolean isNetworkBlockAll() {
        return data.networkBlockAll();
    }

    /**
     * Returns the IPv4 CIDRs the sandbox alone may reach, comma-separated.
     *
     * @return the allow list, or null when every address may be reached
     */
    public String getNetworkAllowList() {
        return data.networkAllowList();
    }

    /**
     * Returns the volumes mounted in the sandbox.
     *
     * @return the mounts, unmodifiable
     */
    public java.util.List<io.daytona.model.sandbox.SandboxVolume> getVolumes() {
        return data.volumes();
    }

    /**
     * Returns the declarative build the sandbox's image came from.
     *
     * @return the build, or null for a sandbox of a snapshot
     */
    public io.daytona.model.sandbox.BuildInfo getBuildInfo() {
        return data.buildInfo();
    }

    /**
     * Returns when the sandbox's archive was made.
     *
     * @return the time, or null if it was never archived
     */
    public Instant getBackupCreatedAt() {
        return data.backupCreatedAt();
    }

    /** {@return the base URL of the toolbox proxy; the sandbox's toolbox is at {@code <url>/<id>}} */
    public String getToolboxProxyUrl() {
        return data.toolboxProxyUrl();
    }

    /** {@return the process API of this sandbox: commands, sessions and terminals (PTY)} */
    public SandboxProcess getProcess() {
        return process;
    }

    /** {@return the file system API of this sandbox: list, upload, download, search and edit files} */
    public FileSystem getFs() {
        return fs;
    }

    /** {@return the code interpreter of this sandbox: stateful Python execution with streamed output} */
    public CodeInterpreter getCodeInterpreter() {
        return codeInterpreter;
    }

    /** {@return the git API of this sandbox: clone, status, branches, commit, push and pull} */
    public Git getGit() {
        return git;
    }

    /**
     * {@return the desktop of this sandbox: start it, then mouse, keyboard, screenshots, windows,
     * recordings and the accessibility tree}
     */
    public ComputerUse getComputerUse() {
        return computerUse;
    }

    /**
     * Returns a language server for a project in this sandbox; call {@link LspServer#start()} on it.
     *
     * @param languageId {@code python}, {@code typescript} or {@code javascript}
     * @param pathToProject the project's directory, absolute or relative to the work directory
     * @return a language server for a project in this sandbox
     * @throws IllegalArgumentException if the language is not one of those
     */
    public LspServer createLspServer(String languageId, String pathToProject) {
        return new LspServer(this, transport, languageId, pathToProject);
    }

    /**
     * Starts the sandbox and waits up to 60 s until it is started.
     *
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void start() {
        start(DEFAULT_TIMEOUT);
    }

    /**
     * Starts the sandbox ({@code POST /sandbox/{id}/start}) and waits until it is started.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void start(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "start sandbox";
        update(transport.send(HttpCall.post(operation, api("/start"), null),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        awaitStarted(operation, deadline);
    }

    /**
     * Stops the sandbox and waits up to 60 s until it is stopped.
     *
     * @throws DaytonaTimeoutException if it is not stopped in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void stop() {
        stop(DEFAULT_TIMEOUT);
    }

    /**
     * Stops the sandbox ({@code POST /sandbox/{id}/stop}) and waits until it is stopped or, for an
     * ephemeral sandbox, destroyed.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not stopped in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void stop(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "stop sandbox";
        update(transport.send(HttpCall.post(operation, api("/stop"), null),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        awaitStopped(operation, deadline);
    }

    /**
     * Replaces the sandbox's labels ({@code PUT /sandbox/{id}/labels}) and returns them.
     *
     * @param labels the labels, replacing the current ones
     * @return the labels now set
     * @throws DaytonaValidationException if a label is invalid
     * @throws DaytonaException if the call fails
     */
    public Map<String, String> setLabels(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels is null");
        String operation = "set labels";
        io.daytona.model.sandbox.SandboxLabels result = transport.send(
                new HttpCall(operation, "PUT", api("/labels"), new io.daytona.model.sandbox.SandboxLabels(labels), java.util.Optional.empty()),
                io.daytona.model.sandbox.SandboxLabels.class);
        refreshData();
        return result == null ? getLabels() : result.labels();
    }

    /**
     * Sets the auto-stop interval in minutes (0: never); activity (toolbox calls, previews)
     * postpones the stop.
     *
     * @param minutes the interval in minutes
     * @throws DaytonaValidationException if {@code minutes} is negative
     */
    public void setAutostopInterval(int minutes) {
        setInterval("autostop", "set auto-stop interval", minutes);
    }

    /**
     * Sets the auto-archive interval in minutes (0: the server's maximum); a stopped sandbox is archived after it.
     *
     * @param minutes the interval in minutes
     */
    public void setAutoArchiveInterval(int minutes) {
        setInterval("autoarchive", "set auto-archive interval", minutes);
    }

    /**
     * Sets the auto-delete interval in minutes (negative: never; 0: delete as soon as the sandbox stops).
     *
     * @param minutes the interval in minutes
     */
    public void setAutoDeleteInterval(int minutes) {
        setInterval("autodelete", "set auto-delete interval", minutes);
    }

    /** Records activity now ({@code POST /sandbox/{id}/last-activity}), which postpones auto-stop. */
    public void refreshActivity() {
        transport.send(HttpCall.post("refresh sandbox activity", api("/last-activity"), null), Void.class);
        refreshData();
    }

    /**
     * Changes the sandbox's network policy ({@code POST /sandbox/{id}/network-settings}); it applies
     * to a started sandbox at once.
     *
     * <pre>{@code
     * sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "10.0.0.0/8,192.168.1.0/24", null));
     * }</pre>
     *
     * @param settings the new policy; null fields keep their value, an empty allow list clears it
     * @throws DaytonaValidationException if a CIDR is invalid
     * @throws DaytonaException if the call fails
     */
    public void updateNetworkSettings(io.daytona.model.sandbox.UpdateSandboxNetworkSettings settings) {
        Objects.requireNonNull(settings, "settings is null");
        update(transport.send(HttpCall.post("update network settings", api("/network-settings"), settings),
                io.daytona.model.sandbox.Sandbox.class));
    }

    private void setInterval(String path, String operation, int minutes) {
        update(transport.send(HttpCall.post(operation, api("/" + path + "/" + minutes), null), io.daytona.model.sandbox.Sandbox.class));
    }

    /**
     * Archives the stopped sandbox and waits up to 60 s until it is archived: its files move to
     * the archive store and its runner is freed. {@link #start()} brings it back, files intact.
     *
     * @throws DaytonaConflictException if the sandbox is not stopped
     * @throws DaytonaTimeoutException if it is not archived in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void archive() {
        archive(DEFAULT_TIMEOUT);
    }

    /**
     * Archives the stopped sandbox ({@code POST /sandbox/{id}/archive}) and waits until it is archived.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaConflictException if the sandbox is not stopped
     * @throws DaytonaTimeoutException if it is not archived in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void archive(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "archive sandbox";
        update(transport.send(HttpCall.post(operation, api("/archive"), null),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        awaitState(operation, SandboxState.ARCHIVED, deadline);
    }

    /**
     * Pauses the started sandbox and waits up to 60 s until it is paused: its processes are
     * frozen, keep their memory and use no CPU; {@link #start()} resumes them where they were.
     * (The TypeScript SDK's {@code pause()}.)
     *
     * @throws DaytonaConflictException if the sandbox is not started
     * @throws DaytonaTimeoutException if it is not paused in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void pause() {
        pause(DEFAULT_TIMEOUT);
    }

    /**
     * Pauses the started sandbox ({@code POST /sandbox/{id}/pause}) and waits while it is
     * {@code pausing}. Its toolbox answers 409 while it is paused.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaConflictException if the sandbox is not started
     * @throws DaytonaTimeoutException if it is not paused in time
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void pause(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "pause sandbox";
        update(transport.send(HttpCall.post(operation, api("/pause"), null), io.daytona.model.sandbox.Sandbox.class, deadline));
        awaitState(operation, SandboxState.PAUSED, deadline);
    }

    /**
     * Forks the sandbox into a new one named after its id and waits up to 60 s until the fork is
     * started. (The TypeScript SDK's {@code _experimental_fork()}.)
     *
     * @return the fork, started, with a copy of this sandbox's files
     * @throws DaytonaConflictException if this sandbox is changing state or archived
     * @throws DaytonaException if the fork fails (its reason is in the message)
     */
    public Sandbox fork() {
        return fork(null, DEFAULT_TIMEOUT);
    }

    /**
     * Forks the sandbox into a new one called {@code name} and waits up to 60 s until it is started.
     *
     * @param name the fork's name, unique in the organization; null names it after its id
     * @return the fork, started, with a copy of this sandbox's files
     * @throws DaytonaValidationException if the name is invalid
     * @throws DaytonaConflictException if the name is taken, or this sandbox is changing state or archived
     * @throws DaytonaException if the fork fails (its reason is in the message)
     */
    public Sandbox fork(String name) {
        return fork(name, DEFAULT_TIMEOUT);
    }

    /**
     * Forks the sandbox ({@code POST /sandbox/{id}/fork}): a new sandbox on the same runner with a
     * copy of this one's files as they are now (a running sandbox is paused for the copy) and its
     * snapshot, environment, labels, network rules, resources and intervals; then waits until the
     * fork is started. Both go on independently afterwards.
     *
     * @param name the fork's name, unique in the organization; null names it after its id
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return the fork, started
     * @throws DaytonaValidationException if the name is invalid
     * @throws DaytonaConflictException if the name is taken, or this sandbox is changing state or archived
     * @throws DaytonaTimeoutException if the fork is not started in time
     * @throws DaytonaException if the fork fails (its reason is in the message)
     */
    public Sandbox fork(String name, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "fork sandbox";
        Sandbox fork = new Sandbox(transport, apiUrl, requireData(transport.send(HttpCall.post(operation, api("/fork"),
                io.daytona.model.sandbox.ForkSandbox.named(name)), io.daytona.model.sandbox.Sandbox.class, deadline), operation));
        fork.awaitStarted(operation, deadline);
        refreshData();
        return fork;
    }

    /**
     * The sandboxes forked from this one that are not deleted, oldest first
     * ({@code GET /sandbox/{id}/forks}).
     *
     * @return the forks
     * @throws DaytonaException if the call fails
     */
    public List<Sandbox> getForks() {
        io.daytona.model.sandbox.Sandbox[] forks = transport.send(HttpCall.get("list forks", api("/forks")),
                io.daytona.model.sandbox.Sandbox[].class);
        return forks == null ? List.of() : Arrays.stream(forks).map(f -> new Sandbox(transport, apiUrl, f)).toList();
    }

    /**
     * The sandbox this one was forked from ({@code GET /sandbox/{id}/parent}).
     *
     * @return the parent
     * @throws DaytonaNotFoundException if this sandbox was not forked, or its parent was deleted
     * @throws DaytonaException if the call fails
     */
    public Sandbox getParent() {
        String operation = "get parent";
        return new Sandbox(transport, apiUrl, requireData(transport.send(HttpCall.get(operation, api("/parent")),
                io.daytona.model.sandbox.Sandbox.class), operation));
    }

    /**
     * The sandboxes this one descends from, its parent first ({@code GET /sandbox/{id}/ancestors});
     * deleted ones are left out.
     *
     * @return the ancestors, nearest first; empty for a sandbox that was not forked
     * @throws DaytonaException if the call fails
     */
    public List<Sandbox> getAncestors() {
        io.daytona.model.sandbox.Sandbox[] ancestors = transport.send(HttpCall.get("list ancestors", api("/ancestors")),
                io.daytona.model.sandbox.Sandbox[].class);
        return ancestors == null ? List.of() : Arrays.stream(ancestors).map(a -> new Sandbox(transport, apiUrl, a)).toList();
    }

    /**
     * Backs the sandbox's files up to the archive store and waits up to 60 s until the backup is
     * done ({@link #getBackupState()} {@code Completed}).
     *
     * @throws DaytonaConflictException if the sandbox is changing state or archived
     * @throws DaytonaException if the backup fails
     */
    public void createBackup() {
        createBackup(DEFAULT_TIMEOUT);
    }

    /**
     * Backs the sandbox's files up ({@code POST /sandbox/{id}/backup}) while it stays as it is (a
     * running sandbox is paused for a moment while its disk is copied), and waits until its backup
     * state is {@code Completed}. A restore or a recover can bring the files back from it.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaConflictException if the sandbox is changing state or archived
     * @throws DaytonaTimeoutException if the backup is not done in time
     * @throws DaytonaException if the backup fails
     */
    public void createBackup(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "create backup";
        update(transport.send(HttpCall.post(operation, api("/backup"), null), io.daytona.model.sandbox.Sandbox.class, deadline));
        Backoff backoff = Backoff.sandboxPolling();
        while (!"Completed".equals(data.backupState())) {
            if ("Error".equals(data.backupState())) {
                throw new DaytonaException(ErrorMapper.prefix(operation) + "the backup of sandbox " + data.id() + " failed");
            }
            waitBeforePolling(operation, "backed up", backoff, deadline);
            refresh(operation, deadline);
        }
    }

    /**
     * Changes the sandbox's resources and waits up to 60 s until the resize is done.
     *
     * @param resources the new CPU, memory (GiB) and disk (GiB); null fields keep their value
     * @throws DaytonaValidationException if a value is out of range, or disk shrinks or changes while started
     * @throws DaytonaConflictException if the sandbox is changing state
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void resize(Resources resources) {
        resize(resources, DEFAULT_TIMEOUT);
    }

    /**
     * Changes the sandbox's resources ({@code POST /sandbox/{id}/resize}) and waits while it is
     * {@code resizing}. CPU and memory of a started sandbox change at once; disk only grows, and
     * only while the sandbox is stopped.
     *
     * @param resources the new CPU, memory (GiB) and disk (GiB); null fields keep their value
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaValidationException if a value is out of range, or disk shrinks or changes while started
     * @throws DaytonaConflictException if the sandbox is changing state
     * @throws DaytonaException if the call fails or the sandbox enters state {@code error}
     */
    public void resize(Resources resources, Duration timeout) {
        Objects.requireNonNull(resources, "resources is null");
        if (resources.gpu() != null) {
            throw new IllegalArgumentException("the GPUs of a sandbox cannot be resized; leave gpu unset");
        }
        Deadline deadline = Deadline.after(timeout);
        String operation = "resize sandbox";
        update(transport.send(HttpCall.post(operation, api("/resize"),
                        new io.daytona.model.sandbox.ResizeSandbox(resources.cpu(), resources.memory(), resources.disk())),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        waitUntilResized(operation, deadline);
    }

    /**
     * Makes a snapshot named {@code name} of the sandbox's files and waits up to 60 s until it is
     * done. (The TypeScript SDK's {@code _experimental_createSnapshot}.)
     *
     * @param name the snapshot's name, unique in the organization
     * @return the new snapshot, active: new sandboxes started from it have these files
     * @throws DaytonaValidationException if the name is invalid
     * @throws DaytonaConflictException if the name is taken or the sandbox is changing state
     * @throws DaytonaException if the snapshot fails (its reason is in the message)
     */
    public io.daytona.model.snapshot.Snapshot createSnapshot(String name) {
        return createSnapshot(name, DEFAULT_TIMEOUT);
    }

    /**
     * Makes a snapshot named {@code name} of the sandbox's files ({@code POST /sandbox/{id}/snapshot}):
     * the sandbox is {@code snapshotting} while the runner commits its container, then back in its
     * state. Mounted volumes are not part of the snapshot.
     *
     * @param name the snapshot's name, unique in the organization
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return the new snapshot, active
     * @throws DaytonaValidationException if the name is invalid
     * @throws DaytonaConflictException if the name is taken or the sandbox is changing state
     * @throws DaytonaTimeoutException if the snapshot is not done in time
     * @throws DaytonaException if the snapshot fails (its reason is in the message)
     */
    public io.daytona.model.snapshot.Snapshot createSnapshot(String name, Duration timeout) {
        Objects.requireNonNull(name, "name is null");
        Deadline deadline = Deadline.after(timeout);
        String operation = "snapshot sandbox";
        update(transport.send(HttpCall.post(operation, api("/snapshot"), io.daytona.model.sandbox.CreateSandboxSnapshot.named(name)),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        Backoff backoff = Backoff.sandboxPolling();
        while (data.state() == SandboxState.SNAPSHOTTING) {
            waitBeforePolling(operation, "snapshotted", backoff, deadline);
            refresh(operation, deadline);
        }
        // The server settles the snapshot before the sandbox leaves snapshotting.
        io.daytona.model.snapshot.Snapshot snapshot = transport.send(HttpCall.get(operation,
                URI.create(apiUrl + "/snapshots/" + Urls.segment(name))), io.daytona.model.snapshot.Snapshot.class, deadline);
        if (snapshot.state() != io.daytona.model.snapshot.SnapshotState.ACTIVE) {
            throw new DaytonaException(ErrorMapper.prefix(operation) + "snapshot " + name + " is in state "
                    + snapshot.state().wireValue() + ": " + snapshot.errorReason());
        }
        return snapshot;
    }

    /**
     * Recovers a sandbox in a recoverable error state and waits up to 60 s until it is started.
     *
     * @throws DaytonaConflictException if the sandbox is not in a recoverable error state
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the call fails or the sandbox fails again
     */
    public void recover() {
        recover(DEFAULT_TIMEOUT);
    }

    /**
     * Recovers a sandbox in a recoverable error state ({@code POST /sandbox/{id}/recover}): it goes
     * back to the last stable state it had and starts; waits until it is started.
     *
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @throws DaytonaConflictException if the sandbox is not in a recoverable error state
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the call fails or the sandbox fails again
     */
    public void recover(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String operation = "recover sandbox";
        update(transport.send(HttpCall.post(operation, api("/recover"), null),
                io.daytona.model.sandbox.Sandbox.class, deadline));
        awaitStarted(operation, deadline);
    }

    /** {@return true if the sandbox is in state {@code error} and can be recovered with {@link #recover()}} */
    public boolean isRecoverable() {
        return Boolean.TRUE.equals(data.recoverable());
    }

    /** {@return the state of the sandbox's archive: {@code None}, or {@code Completed} once archived} */
    public String getBackupState() {
        return data.backupState();
    }

    /**
     * Waits until the sandbox is archived, polling its state every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not archived in time
     * @throws DaytonaException if it enters state {@code error} or a poll fails
     */
    public void waitUntilArchived(Duration timeout) {
        awaitState("Failure during waiting for sandbox to be archived", SandboxState.ARCHIVED, Deadline.after(timeout));
    }

    private void waitUntilResized(String operation, Deadline deadline) {
        Backoff backoff = Backoff.sandboxPolling();
        while (data.state() == SandboxState.RESIZING) {
            waitBeforePolling(operation, "resized", backoff, deadline);
            refresh(operation, deadline);
        }
        if (data.state() == SandboxState.ERROR) {
            throw new DaytonaException(ErrorMapper.prefix(operation) + "sandbox " + data.id() + " is in state error: " + reasonOf(data));
        }
    }

    private void awaitState(String operation, SandboxState target, Deadline deadline) {
        Backoff backoff = Backoff.sandboxPolling();
        while (true) {
            io.daytona.model.sandbox.Sandbox current = data;
            if (current.state() == target) {
                return;
            }
            if (current.state() == SandboxState.ERROR || current.state() == SandboxState.BUILD_FAILED) {
                throw new DaytonaException(ErrorMapper.prefix(operation) + "sandbox " + current.id()
                        + " entered state " + current.state().wireValue() + ": " + reasonOf(current));
            }
            waitBeforePolling(operation, target.wireValue(), backoff, deadline);
            refresh(operation, deadline);
        }
    }

    /**
     * Deletes the sandbox ({@code DELETE /sandbox/{id}}) without waiting for its removal.
     *
     * @throws DaytonaException if the call fails
     */
    public void delete() {
        delete(DEFAULT_TIMEOUT);
    }

    /**
     * Deletes the sandbox without waiting for its removal.
     *
     * @param timeout how long the call may take; {@link Duration#ZERO} for no limit
     * @throws DaytonaException if the call fails
     */
    public void delete(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        update(transport.send(HttpCall.delete("remove sandbox", api("")),
                io.daytona.model.sandbox.Sandbox.class, deadline));
    }

    /**
     * Fetches the sandbox's data again ({@code GET /sandbox/{id}}).
     *
     * @throws DaytonaNotFoundException if the sandbox no longer exists
     * @throws DaytonaException if the call fails
     */
    public void refreshData() {
        refresh("refresh sandbox data", Deadline.after(Duration.ZERO));
    }

    /**
     * Waits until the sandbox is started, polling its state every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if it enters state {@code error} or {@code build_failed}, is destroyed,
     *     or a poll fails
     */
    public void waitUntilStarted(Duration timeout) {
        awaitStarted("Failure during waiting for sandbox to start", Deadline.after(timeout));
    }

    /**
     * Waits until the sandbox is stopped or destroyed (a 404 counts as destroyed), polling its state
     * every 100 ms growing to 1 s.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not stopped in time
     * @throws DaytonaException if it enters state {@code error} or {@code build_failed}, or a poll fails
     */
    public void waitUntilStopped(Duration timeout) {
        awaitStopped("Failure during waiting for sandbox to stop", Deadline.after(timeout));
    }

    /**
     * Returns the home directory of the sandbox user, e.g. {@code /home/daytona}.
     *
     * @return the home directory of the sandbox user, e.g. {@code /home/daytona}
     * @throws DaytonaException if the call fails
     */
    public String getUserHomeDir() {
        return dir("get user home directory", "/user-home-dir");
    }

    /**
     * Returns the directory commands run in by default.
     *
     * @return the directory commands run in by default
     * @throws DaytonaException if the call fails
     */
    public String getWorkDir() {
        return dir("get working directory path", "/work-dir");
    }

    /**
     * Returns the preview link of a port ({@code GET /sandbox/{id}/ports/{port}/preview-url}): the
     * URL and, for a private sandbox, the token to send as {@code X-Daytona-Preview-Token}. The
     * token changes when the sandbox restarts.
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @return the preview link of a port ({@code GET /sandbox/{id}/ports/{port}/preview-url}): the URL and, for a private sandbox, the token to send as {@code X-Daytona-Preview-Token}
     * @throws DaytonaValidationException if the port is not from 1 to 65535
     */
    public PortPreviewUrl getPreviewLink(int port) {
        return transport.send(HttpCall.get("get preview link", api("/ports/" + port + "/preview-url")), PortPreviewUrl.class);
    }

    /**
     * Returns a signed preview URL of a port, valid for 60 seconds: {@code {port}-{token}.{domain}}
     * opens the port without headers, survives restarts, and can be expired early.
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @return a signed preview URL of a port, valid for 60 seconds: {@code {port}-{token}.{domain}} opens the port without headers, survives restarts, and can be expired early
     */
    public SignedPortPreviewUrl getSignedPreviewUrl(int port) {
        return getSignedPreviewUrl(port, Duration.ofSeconds(60));
    }

    /**
     * Returns a signed preview URL of a port ({@code GET /sandbox/{id}/ports/{port}/signed-preview-url}).
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @param expiresIn how long it works: from 1 second to 1 day, in whole seconds
     * @return a signed preview URL of a port ({@code GET /sandbox/{id}/ports/{port}/signed-preview-url})
     * @throws IllegalArgumentException if {@code expiresIn} is below 1 second or not whole seconds
     * @throws DaytonaValidationException if the server refuses the port or the duration
     */
    public SignedPortPreviewUrl getSignedPreviewUrl(int port, Duration expiresIn) {
        long seconds = wholeUnits(expiresIn, Duration.ofSeconds(1), "expiresIn", "seconds");
        return transport.send(HttpCall.get("create signed preview url",
                api("/ports/" + port + "/signed-preview-url" + Urls.query(Map.of("expiresInSeconds", String.valueOf(seconds))))),
                SignedPortPreviewUrl.class);
    }

    /**
     * Expires a signed preview URL at once
     * ({@code POST /sandbox/{id}/ports/{port}/signed-preview-url/{token}/expire}).
     *
     * @param port the port in the sandbox, from 1 to 65535
     * @param token the token of the signed URL
     * @throws DaytonaNotFoundException if no such signed URL exists for the port
     */
    public void expireSignedPreviewUrl(int port, String token) {
        transport.send(HttpCall.post("expire signed preview url",
                api("/ports/" + port + "/signed-preview-url/" + Urls.segment(token) + "/expire"), null), Void.class);
    }

    /**
     * Creates SSH access valid for 60 minutes; see {@link #createSshAccess(Duration)}.
     *
     * @return the SSH access: its token, expiry and command
     */
    public SshAccess createSshAccess() {
        return createSshAccess(Duration.ofMinutes(60));
    }

    /**
     * Creates SSH access to the sandbox ({@code POST /sandbox/{id}/ssh-access}): the token is the
     * SSH user name, as {@link SshAccess#sshCommand()} shows ({@code ssh -p 2222 <token>@host}).
     *
     * @param expiresIn how long the token works, in whole minutes (at least one)
     * @return the SSH access: its token, expiry and command
     * @throws IllegalArgumentException if {@code expiresIn} is below a minute or not whole minutes
     */
    public SshAccess createSshAccess(Duration expiresIn) {
        long minutes = wholeUnits(expiresIn, Duration.ofMinutes(1), "expiresIn", "minutes");
        return transport.send(HttpCall.post("create SSH access",
                api("/ssh-access" + Urls.query(Map.of("expiresInMinutes", String.valueOf(minutes)))), null), SshAccess.class);
    }

    /**
     * Revokes one SSH access token of the sandbox ({@code DELETE /sandbox/{id}/ssh-access?token=}); new connections with it are refused.
     *
     * @param token the SSH access token
     */
    public void revokeSshAccess(String token) {
        java.util.Objects.requireNonNull(token, "token is null; use revokeAllSshAccess() to revoke every token");
        update(transport.send(HttpCall.delete("revoke SSH access", api("/ssh-access" + Urls.query(Map.of("token", token)))),
                io.daytona.model.sandbox.Sandbox.class));
    }

    /** Revokes every SSH access token of the sandbox ({@code DELETE /sandbox/{id}/ssh-access}). */
    public void revokeAllSshAccess() {
        update(transport.send(HttpCall.delete("revoke SSH access", api("/ssh-access")), io.daytona.model.sandbox.Sandbox.class));
    }

    /**
     * Tells whether an SSH access token works now, and for which sandbox ({@code GET /sandbox/ssh-access/validate}).
     *
     * @param token the SSH access token
     * @return whether the token is valid, and the sandbox it opens
     */
    public SshAccessValidation validateSshAccess(String token) {
        return transport.send(HttpCall.get("validate SSH access",
                URI.create(apiUrl + "/sandbox/ssh-access/validate" + Urls.query(Map.of("token", token)))), SshAccessValidation.class);
    }

    private static long wholeUnits(Duration duration, Duration unit, String name, String unitName) {
        java.util.Objects.requireNonNull(duration, name + " is null");
        if (duration.compareTo(unit) < 0 || !duration.equals(unit.multipliedBy(duration.dividedBy(unit)))) {
            throw new IllegalArgumentException(name + " must be a whole number of " + unitName + ", at least one; got " + duration);
        }
        return duration.dividedBy(unit);
    }

    /** Describes the sandbox by ID, name and state. */
    @Override
    public String toString() {
        io.daytona.model.sandbox.Sandbox current = data;
        return "Sandbox[id=" + current.id() + ", name=" + current.name() + ", state=" + current.state() + "]";
    }

    void awaitStarted(String operation, Deadline deadline) {
        Backoff backoff = Backoff.sandboxPolling();
        while (true) {
            io.daytona.model.sandbox.Sandbox current = data;
            SandboxState state = current.state();
            if (state == SandboxState.STARTED) {
                return;
            }
            if (state == SandboxState.ERROR || state == SandboxState.BUILD_FAILED) {
                throw new DaytonaException(ErrorMapper.prefix(operation) + "sandbox " + current.id()
                        + " failed to start with state " + state.wireValue() + ": " + reasonOf(current));
            }
            if (state == SandboxState.DESTROYED || state == SandboxState.DESTROYING) {
                throw new DaytonaException(ErrorMapper.prefix(operation) + "sandbox " + current.id()
                        + " is " + state.wireValue() + " and will not start");
            }
            waitBeforePolling(operation, "started", backoff, deadline);
            refresh(operation, deadline);
        }
    }

    void awaitStopped(String operation, Deadline deadline) {
        Backoff backoff = Backoff.sandboxPolling();
        while (true) {
            io.daytona.model.sandbox.Sandbox current = data;
            SandboxState state = current.state();
            if (state == SandboxState.STOPPED || state == SandboxState.DESTROYED) {
                return;
            }
            if (state == SandboxState.ERROR || state == SandboxState.BUILD_FAILED) {
                throw new DaytonaException(ErrorMapper.prefix(operation) + "sandbox " + current.id()
                        + " failed to stop with state " + state.wireValue() + ": " + reasonOf(current));
            }
            waitBeforePolling(operation, "stopped", backoff, deadline);
            try {
                refresh(operation, deadline);
            } catch (DaytonaNotFoundException e) {
                markDestroyed();
                return;
            }
        }
    }

    URI toolboxUri(String path) {
        String proxyUrl = data.toolboxProxyUrl();
        if (proxyUrl == null || proxyUrl.isBlank()) {
            proxyUrl = fetchToolboxProxyUrl();
        }
        return URI.create(Urls.stripTrailingSlashes(proxyUrl) + "/" + Urls.segment(getId()) + path);
    }

    private String fetchToolboxProxyUrl() {
        String cached = fetchedToolboxProxyUrl;
        if (cached != null) {
            return cached;
        }
        ToolboxProxyUrl answer = transport.send(
                HttpCall.get("get toolbox proxy URL", api("/toolbox-proxy-url")), ToolboxProxyUrl.class);
        if (answer == null || answer.url() == null || answer.url().isBlank()) {
            throw new DaytonaException("Failed to get toolbox proxy URL: the server sent none for sandbox " + getId());
        }
        fetchedToolboxProxyUrl = answer.url();
        return answer.url();
    }

    private String dir(String operation, String path) {
        DirResponse answer = transport.send(HttpCall.get(operation, toolboxUri(path)), DirResponse.class);
        if (answer == null || answer.dir() == null) {
            throw new DaytonaException(ErrorMapper.prefix(operation) + "the toolbox sent no directory");
        }
        return answer.dir();
    }

    private void refresh(String operation, Deadline deadline) {
        io.daytona.model.sandbox.Sandbox fresh = transport.send(
                HttpCall.get(operation, api("")), io.daytona.model.sandbox.Sandbox.class, deadline);
        data = requireData(fresh, operation);
    }

    private void waitBeforePolling(String operation, String target, Backoff backoff, Deadline deadline) {
        if (deadline.isExpired()) {
            throw timedOut(operation, target, deadline);
        }
        Duration interval = backoff.next();
        Duration remaining = deadline.remaining();
        try {
            Thread.sleep(interval.compareTo(remaining) < 0 ? interval : remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException(ErrorMapper.prefix(operation) + "interrupted while waiting", e);
        }
        if (deadline.isExpired()) {
            throw timedOut(operation, target, deadline);
        }
    }

    private DaytonaTimeoutException timedOut(String operation, String target, Deadline deadline) {
        io.daytona.model.sandbox.Sandbox current = data;
        String state = current.state() == null ? "unknown" : current.state().wireValue();
        return new DaytonaTimeoutException(ErrorMapper.prefix(operation) + "sandbox " + current.id() + " did not become "
                + target + " within " + Deadline.format(deadline.timeout()) + " (last state: " + state + ")");
    }

    private void update(io.daytona.model.sandbox.Sandbox fresh) {
        if (fresh != null && fresh.id() != null) {
            data = fresh;
        }
    }

    private void markDestroyed() {
        ObjectNode tree = transport.mapper().valueToTree(data);
        tree.put("state", SandboxState.DESTROYED.wireValue());
        data = transport.mapper().convertValue(tree, io.daytona.model.sandbox.Sandbox.class);
    }

    private URI api(String suffix) {
        return URI.create(apiUrl + "/sandbox/" + Urls.segment(data.id()) + suffix);
    }

    private static String reasonOf(io.daytona.model.sandbox.Sandbox sandbox) {
        return sandbox.errorReason() == null || sandbox.errorReason().isBlank()
                ? "no reason given"
                : sandbox.errorReason();
    }

    private static io.daytona.model.sandbox.Sandbox requireData(
            io.daytona.model.sandbox.Sandbox data, String operation) {
        if (data == null || data.id() == null) {
            throw new DaytonaException(ErrorMapper.prefix(operation) + "the server sent no sandbox");
        }
        return data;
    }
}
