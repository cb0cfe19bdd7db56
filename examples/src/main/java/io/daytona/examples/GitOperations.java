package io.daytona.examples;

import io.daytona.model.toolbox.git.GitStatus;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Git in a sandbox: clone a repository with credentials (never stored in the sandbox), edit,
 * stage, commit and read the status, as the documentation's git page shows.
 *
 * <p>Usage: {@code GitOperations <repository url> [username password]}.
 */
public final class GitOperations {
    private GitOperations() {}

    public static void main(String[] args) {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: GitOperations <repository url> [username password]");
            System.exit(2);
        }
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona, args[0], args.length == 3 ? args[1] : null, args.length == 3 ? args[2] : null));
        }
    }

    /** Returns the branch, the commit's hash and how far the branch is ahead of its remote. */
    public static String run(Daytona daytona, String url, String username, String password) {
        Sandbox sandbox = daytona.create();
        try {
            var git = sandbox.getGit();
            git.clone(url, "repo", options -> {
                if (username != null) {
                    options.credentials(username, password);
                }
            });
            sandbox.getFs().uploadFile("written in a sandbox\n".getBytes(StandardCharsets.UTF_8), "repo/NOTES.md");
            git.add("repo", List.of("NOTES.md"));
            String hash = git.commit("repo", "Add notes", "Daytona Example", "example@daytona.io").hash();
            GitStatus status = git.status("repo");
            return "branch " + status.currentBranch() + ", commit " + hash + ", ahead " + status.ahead();
        } finally {
            sandbox.delete();
        }
    }
}
