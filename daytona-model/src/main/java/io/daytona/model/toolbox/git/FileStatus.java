package io.daytona.model.toolbox.git;

/**
 * One changed, staged or untracked file of {@code GET /git/status}.
 *
 * @param name the path relative to the repository
 * @param staging its state in the index
 * @param worktree its state in the work tree
 * @param extra the original path of a renamed or copied file, otherwise empty
 */
public record FileStatus(String name, GitFileState staging, GitFileState worktree, String extra) {
    public FileStatus {
        extra = extra == null ? "" : extra;
    }
}
