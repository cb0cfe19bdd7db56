package io.daytona.model.toolbox.git;

import java.util.List;

/**
 * The answer to {@code GET /git/status}.
 *
 * @param currentBranch the branch checked out, or {@code HEAD} when HEAD is detached
 * @param fileStatus the files that differ from HEAD or are untracked
 * @param ahead commits on the branch that its upstream lacks; 0 without upstream
 * @param behind commits on the upstream that the branch lacks; 0 without upstream
 * @param branchPublished whether the branch has an upstream branch that exists
 */
public record GitStatus(String currentBranch, List<FileStatus> fileStatus, int ahead, int behind, boolean branchPublished) {
    public GitStatus {
        fileStatus = fileStatus == null ? List.of() : List.copyOf(fileStatus);
    }
}
