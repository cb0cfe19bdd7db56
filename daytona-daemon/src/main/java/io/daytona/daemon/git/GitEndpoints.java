package io.daytona.daemon.git;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.daemon.files.SandboxPaths;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.model.toolbox.git.GitAddRequest;
import io.daytona.model.toolbox.git.GitBranchRequest;
import io.daytona.model.toolbox.git.GitCheckoutRequest;
import io.daytona.model.toolbox.git.GitCloneRequest;
import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitCommitRequest;
import io.daytona.model.toolbox.git.GitCommitResponse;
import io.daytona.model.toolbox.git.GitDeleteBranchRequest;
import io.daytona.model.toolbox.git.GitRepoRequest;
import io.daytona.model.toolbox.git.ListBranchResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The toolbox git API ({@code /git/*}), wire-compatible with the upstream daemon, driving the
 * {@code git} command of the sandbox image (see docs/git.md for why not a Java library).
 */
public final class GitEndpoints {
    private final ObjectMapper mapper;
    private final GitRepositories repositories;

    public GitEndpoints(Path workDir, ObjectMapper mapper) {
        this(workDir, Path.of(System.getProperty("java.io.tmpdir")), "git", mapper);
    }

    GitEndpoints(Path workDir, Path scratch, String gitExecutable, ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.repositories = new GitRepositories(new SandboxPaths(workDir), new GitCli(gitExecutable, scratch));
    }

    public void register(Router router) {
        router.post("/git/clone", ex -> {
            repositories.clone(ex.body(GitCloneRequest.class));
            ex.status(200);
        });
        router.get("/git/status", ex -> ex.json(200, repositories.status(ex.query("path").orElse(null))));
        router.get("/git/branches", ex -> ex.json(200, new ListBranchResponse(repositories.branches(ex.query("path").orElse(null)))));
        router.post("/git/branches", ex -> {
            GitBranchRequest request = ex.body(GitBranchRequest.class);
            repositories.createBranch(request.path(), request.name());
            ex.status(201);
        });
        router.delete("/git/branches", ex -> {
            GitDeleteBranchRequest request = ex.body(GitDeleteBranchRequest.class);
            repositories.deleteBranch(request.path(), request.name());
            ex.status(204);
        });
        router.post("/git/checkout", ex -> {
            GitCheckoutRequest request = ex.body(GitCheckoutRequest.class);
            repositories.checkout(request.path(), request.branch());
            ex.status(200);
        });
        router.post("/git/add", ex -> {
            GitAddRequest request = ex.body(GitAddRequest.class);
            repositories.add(request.path(), request.files());
            ex.status(200);
        });
        router.post("/git/commit", ex -> {
            GitCommitRequest request = ex.body(GitCommitRequest.class);
            String hash = repositories.commit(request.path(), request.message(), request.author(), request.email(),
                    Boolean.TRUE.equals(request.allowEmpty()));
            ex.json(200, new GitCommitResponse(hash));
        });
        router.post("/git/push", ex -> {
            GitRepoRequest request = ex.body(GitRepoRequest.class);
            repositories.push(GitRepositories.GitRepoRequestValues.of(request.path(), request.username(), request.password()));
            ex.status(200);
        });
        router.post("/git/pull", ex -> {
            GitRepoRequest request = ex.body(GitRepoRequest.class);
            repositories.pull(GitRepositories.GitRepoRequestValues.of(request.path(), request.username(), request.password()));
            ex.status(200);
        });
        router.get("/git/history", this::history);
    }

    private void history(Exchange ex) throws IOException {
        StreamedCommits commits = new StreamedCommits(ex);
        repositories.history(ex.query("path").orElse(null), commits::write);
        commits.finish();
    }

    /** A JSON array started at the first commit, so a failure before it still gets its own status. */
    private final class StreamedCommits {
        private final Exchange ex;
        private OutputStream out;
        private JsonGenerator json;

        StreamedCommits(Exchange ex) {
            this.ex = ex;
        }

        void write(GitCommitInfo commit) throws IOException {
            start();
            json.writeObject(commit);
        }

        void finish() throws IOException {
            start();
            json.writeEndArray();
            json.close();
            out.close();
        }

        private void start() throws IOException {
            if (json != null) {
                return;
            }
            ex.setStatus(200);
            ex.setHeader("Content-Type", "application/json; charset=utf-8");
            out = ex.outputStream();
            json = mapper.getFactory().createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
        }
    }
}
