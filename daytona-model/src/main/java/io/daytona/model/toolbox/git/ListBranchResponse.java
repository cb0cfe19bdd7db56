package io.daytona.model.toolbox.git;

import java.util.List;

/**
 * The answer to {@code GET /git/branches}.
 *
 * @param branches the local branches' short names, in name order
 */
public record ListBranchResponse(List<String> branches) {
    public ListBranchResponse {
        branches = branches == null ? List.of() : List.copyOf(branches);
    }
}
