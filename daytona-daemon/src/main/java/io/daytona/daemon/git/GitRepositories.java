package io.daytona.daemon.git;

import static java.util.Objects.requireNonNull;

import io.daytona.daemon.files.SandboxPaths;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.git.GitCloneRequest;
import io.daytona.model.toolbox.git.GitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The git operations of the toolbox, each a few calls of the sandbox's {@code git}. Paths resolve
 * as in the files API: relative to the work directory. A repository path may be the work tree's
 * root or any directory inside it, as for git itself.
 */
final class GitRepositories {
    /** Hooks are not run: the upstream daemon's library (go-git) never ran them either, and one could hang a call. */
    private static final List<String> NO_HOOKS = List.of("-c", "core.hooksPath=/dev/null");

    private final SandboxPaths paths;
    private final GitCli git;

    GitRepositories(SandboxPaths paths, GitCli git) {
        this.paths = requireNonNull(paths, "paths is null");
        this.git = requireNonNull(git, "git is null");
    }

    void clone(GitCloneRequest request) {
        String rawUrl = required(request.url(), "url", "the repository's URL, e.g. https://example.com/team/repo.git");
        Path target = path(request.path());
        RemoteUrl url = RemoteUrl.parse(rawUrl);
        Optional<Credentials> credentials = Credentials.of(request.username(), request.password()).or(url::credentials);
        Optional<String> branch = optional(request.branch()).map(name -> refName(name, "branch"));
        Optional<String> commit = optional(request.commitId()).map(name -> refName(name, "commit_id"));
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (existed && !isEmptyDirectory(target)) {
            throw ServiceException.conflict("cannot clone into %s: it exists and is not an empty directory", target);
        }
        List<String> arguments = new ArrayList<>();
        if (Boolean.TRUE.equals(request.insecureSkipTls())) {
            // git's own -c applies to this call only; "git clone -c" would store it in the repository.
            arguments.addAll(List.of("-c", "http.sslVerify=false"));
        }
        arguments.add("clone");
        branch.ifPresent(name -> arguments.add("--branch=" + name));
        arguments.addAll(List.of("--", url.url(), target.toString()));
        GitCli.Result cloned = git.run(GitCli.Call.in(paths.workDir(), arguments).withCredentials(credentials));
        if (!cloned.succeeded()) {
            throw GitFailures.translate("git clone of " + RemoteUrl.redactUrls(rawUrl), cloned, credentials);
        }
        commit.ifPresent(id -> checkOutCommit(target, id, existed));
    }

    private void checkOutCommit(Path repository, String id, boolean existed) {
        GitCli.Result resolved = git.run(GitCli.Call.in(repository, "rev-parse", "--verify", "--quiet", "--end-of-options", id + "^{commit}"));
        if (!resolved.succeeded()) {
            removeClone(repository, existed);
            throw ServiceException.notFound("commit %s is not in the cloned repository; nothing was cloned", id);
        }
        GitCli.Result checkedOut = git.run(GitCli.Call.in(repository, "-c", "advice.detachedHead=false", "checkout", "--detach",
                resolved.stdout().strip()));
        if (!checkedOut.succeeded()) {
            removeClone(repository, existed);
            throw GitFailures.translate("git checkout of commit " + id, checkedOut, Optional.empty());
        }
    }

    GitStatus status(String rawPath) {
        Path repository = repository(rawPath);
        GitCli.Result status = git.run(GitCli.Call.in(repository,
                "--no-optional-locks", "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"));
        if (!status.succeeded()) {
            throw GitFailures.translate("git status", status, Optional.empty());
        }
        return StatusParser.parse(status.stdout());
    }

    List<String> branches(String rawPath) {
        Path repository = repository(rawPath);
        GitCli.Result listed = git.run(GitCli.Call.in(repository, "for-each-ref", "--format=%(refname)", "refs/heads/"));
        if (!listed.succeeded()) {
            throw GitFailures.translate("git for-each-ref", listed, Optional.empty());
        }
        return listed.stdout().lines()
                .filter(line -> line.startsWith("refs/heads/"))
                .map(line -> line.substring("refs/heads/".length()))
                .toList();
    }

    /** Creates a branch at HEAD and checks it out, as the upstream daemon does. */
    void createBranch(String rawPath, String rawName) {
        String name = refName(required(rawName, "name", "the new branch's name"), "name");
        Path repository = repository(rawPath);
        expectSuccess("git checkout -b " + name, git.run(GitCli.Call.in(repository, "checkout", "-b", name)));
    }

    void deleteBranch(String rawPath, String rawName) {
        String name = refName(required(rawName, "name", "the branch to delete"), "name");
        Path repository = repository(rawPath);
        expectSuccess("git branch -D " + name, git.run(GitCli.Call.in(repository, "branch", "-D", name)));
    }

    void checkout(String rawPath, String rawBranch) {
        String branch = refName(required(rawBranch, "branch", "a branch name or a commit hash"), "branch");
        Path repository = repository(rawPath);
        GitCli.Result result = git.run(GitCli.Call.in(repository, "-c", "advice.detachedHead=false", "checkout", branch, "--"));
        expectSuccess("git checkout " + branch, result);
    }

    void add(String rawPath, List<String> files) {
        if (files.isEmpty()) {
            throw ServiceException.badRequest("files is required: list the files to stage, or [\".\"] for all changes");
        }
        Path repository = repository(rawPath);
        List<String> arguments = new ArrayList<>(List.of("add", "--"));
        arguments.addAll(files);
        expectSuccess("git add", git.run(GitCli.Call.in(repository, arguments)));
    }

    String commit(String rawPath, String message, String author, String email, boolean allowEmpty) {
        required(message, "message", "the commit message");
        required(author, "author", "the author's name");
        required(email, "email", "the author's email");
        Path repository = repository(rawPath);
        List<String> arguments = new ArrayList<>(NO_HOOKS);
        arguments.addAll(List.of("-c", "commit.gpgSign=false", "commit", "--cleanup=verbatim", "--file=-"));
        if (allowEmpty) {
            arguments.add("--allow-empty");
        }
        GitCli.Result committed = git.run(GitCli.Call.in(repository, arguments)
                .withEnvironment(GitCli.identity(author, email))
                .withStdin(message));
        if (!committed.succeeded()) {
            if (committed.exitCode() == 1 && nothingToCommit(committed.stdout())) {
                throw ServiceException.badRequest("nothing to commit in %s: stage changes with add first, or set allow_empty", repository);
            }
            throw GitFailures.translate("git commit", committed, Optional.empty());
        }
        GitCli.Result head = git.run(GitCli.Call.in(repository, "rev-parse", "HEAD"));
        expectSuccess("git rev-parse HEAD", head);
        return head.stdout().strip();
    }

    void push(GitRepoRequestValues request) {
        Path repository = repository(request.path());
        String branch = currentBranch(repository, "push");
        String remote = remoteOf(repository, branch);
        List<String> arguments = new ArrayList<>(NO_HOOKS);
        arguments.addAll(List.of("push", "--set-upstream", remote, "refs/heads/" + branch + ":refs/heads/" + branch));
        GitCli.Result pushed = git.run(GitCli.Call.in(repository, arguments).withCredentials(request.credentials()));
        if (!pushed.succeeded()) {
            throw GitFailures.translate("git push to " + remote, pushed, request.credentials());
        }
    }

    /** Fast-forwards only, as the upstream daemon's library does; a diverged branch is a 409. */
    void pull(GitRepoRequestValues request) {
        Path repository = repository(request.path());
        String branch = currentBranch(repository, "pull");
        List<String> arguments = new ArrayList<>(NO_HOOKS);
        arguments.addAll(List.of("pull", "--no-rebase", "--ff-only"));
        if (git.run(GitCli.Call.in(repository, "config", "branch." + branch + ".merge")).exitCode() != 0) {
            arguments.addAll(List.of(remoteOf(repository, branch), "refs/heads/" + branch));
        }
        GitCli.Result pulled = git.run(GitCli.Call.in(repository, arguments).withCredentials(request.credentials()));
        if (!pulled.succeeded()) {
            throw GitFailures.translate("git pull", pulled, request.credentials());
        }
    }

    /**
     * Streams the history of HEAD, newest first; nothing for a repository without commits. The
     * repository is checked first, so a missing one is a 404 before anything is written.
     */
    void history(String rawPath, HistoryReader.CommitSink sink) throws IOException {
        Path repository = repository(rawPath);
        if (!git.run(GitCli.Call.in(repository, "rev-parse", "--verify", "--quiet", "HEAD")).succeeded()) {
            return;
        }
        GitCli.Result logged = git.stream(GitCli.Call.in(repository, "log", "-z", HistoryReader.FORMAT, "HEAD"),
                (InputStream out) -> HistoryReader.read(out, sink));
        if (!logged.succeeded()) {
            throw GitFailures.translate("git log", logged, Optional.empty());
        }
    }

    /**
     * The parts of a push or pull request, validated.
     *
     * @param path the repository as sent
     * @param credentials the credentials, if any
     */
    record GitRepoRequestValues(String path, Optional<Credentials> credentials) {
        static GitRepoRequestValues of(String path, String username, String password) {
            return new GitRepoRequestValues(path, Credentials.of(username, password));
        }
    }

    private Path repository(String rawPath) {
        Path path = path(rawPath);
        if (!Files.isDirectory(path)) {
            throw ServiceException.notFound("no git repository at %s: %s", path,
                    Files.exists(path) ? "it is not a directory" : "no such directory");
        }
        GitCli.Result inside = git.run(GitCli.Call.in(path, "rev-parse", "--git-dir"));
        if (!inside.succeeded()) {
            ServiceException failure = GitFailures.translate("git", inside, Optional.empty());
            if (failure.code() == ErrorCode.NOT_FOUND) {
                throw ServiceException.notFound("no git repository at %s: it is neither a repository nor inside one", path);
            }
            throw failure;
        }
        return path;
    }

    private String currentBranch(Path repository, String operation) {
        GitCli.Result head = git.run(GitCli.Call.in(repository, "symbolic-ref", "--quiet", "--short", "HEAD"));
        if (!head.succeeded()) {
            throw ServiceException.conflict("cannot %s from %s: HEAD is detached; check out a branch first", operation, repository);
        }
        return head.stdout().strip();
    }

    private String remoteOf(Path repository, String branch) {
        GitCli.Result configured = git.run(GitCli.Call.in(repository, "config", "branch." + branch + ".remote"));
        String remote = configured.stdout().strip();
        return configured.succeeded() && !remote.isEmpty() && !remote.equals(".") ? remote : "origin";
    }

    private Path path(String rawPath) {
        required(rawPath, "path", "the repository's directory, absolute or relative to " + paths.workDir());
        return paths.resolve(rawPath, "path");
    }

    private void expectSuccess(String operation, GitCli.Result result) {
        if (!result.succeeded()) {
            throw GitFailures.translate(operation, result, Optional.empty());
        }
    }

    private void removeClone(Path target, boolean keepDirectory) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(target)) {
            for (Path entry : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (!(keepDirectory && entry.equals(target))) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException ignored) {
            // best effort: the caller reports the clone's failure, which matters more
        }
    }

    private static boolean nothingToCommit(String stdout) {
        return stdout.contains("nothing to commit") || stdout.contains("no changes added to commit")
                || stdout.contains("nothing added to commit");
    }

    private static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A branch or commit name git will not mistake for an option. */
    private static String refName(String name, String parameter) {
        if (name.startsWith("-") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ServiceException.badRequest("%s '%s' is not a valid name: it must not start with '-' or contain control characters",
                    parameter, name.replaceAll("\\p{Cntrl}", "?"));
        }
        return name;
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String required(String value, String parameter, String what) {
        if (value == null || value.isBlank()) {
            throw ServiceException.badRequest("%s is required: %s", parameter, what);
        }
        return value;
    }
}
