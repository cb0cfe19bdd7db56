package io.daytona.daemon.git;

import io.daytona.model.toolbox.git.FileStatus;
import io.daytona.model.toolbox.git.GitFileState;
import io.daytona.model.toolbox.git.GitStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code git status --porcelain=v2 --branch -z}: header lines about the branch, then one
 * entry per file ({@code 1} changed, {@code 2} renamed or copied, {@code u} unmerged,
 * {@code ?} untracked), each NUL-terminated.
 */
final class StatusParser {
    /** What go-git, the upstream daemon's library, calls the branch when HEAD is detached. */
    static final String DETACHED = "HEAD";

    private StatusParser() {}

    static GitStatus parse(String output) {
        String branch = DETACHED;
        int ahead = 0;
        int behind = 0;
        boolean published = false;
        List<FileStatus> files = new ArrayList<>();
        String[] records = output.split("\0");
        for (int i = 0; i < records.length; i++) {
            String record = records[i];
            if (record.startsWith("# branch.head ")) {
                String head = record.substring("# branch.head ".length());
                branch = head.equals("(detached)") ? DETACHED : head;
            } else if (record.startsWith("# branch.ab ")) {
                String[] counts = record.substring("# branch.ab ".length()).split(" ");
                ahead = Math.abs(Integer.parseInt(counts[0]));
                behind = Math.abs(Integer.parseInt(counts[1]));
                // git prints ahead/behind only when the upstream branch exists.
                published = true;
            } else if (record.startsWith("1 ")) {
                String[] fields = record.split(" ", 9);
                files.add(entry(fields[8], fields[1], ""));
            } else if (record.startsWith("2 ")) {
                String[] fields = record.split(" ", 10);
                String original = i + 1 < records.length ? records[++i] : "";
                files.add(entry(fields[9], fields[1], original));
            } else if (record.startsWith("u ")) {
                String[] fields = record.split(" ", 11);
                files.add(new FileStatus(fields[10], GitFileState.UPDATED_BUT_UNMERGED, GitFileState.UPDATED_BUT_UNMERGED, ""));
            } else if (record.startsWith("? ")) {
                files.add(new FileStatus(record.substring(2), GitFileState.UNTRACKED, GitFileState.UNTRACKED, ""));
            }
        }
        return new GitStatus(branch, files, ahead, behind, published);
    }

    private static FileStatus entry(String path, String xy, String original) {
        return new FileStatus(path, state(xy.charAt(0)), state(xy.charAt(1)), original);
    }

    static GitFileState state(char code) {
        return switch (code) {
            case 'M', 'T' -> GitFileState.MODIFIED;
            case 'A' -> GitFileState.ADDED;
            case 'D' -> GitFileState.DELETED;
            case 'R' -> GitFileState.RENAMED;
            case 'C' -> GitFileState.COPIED;
            case 'U' -> GitFileState.UPDATED_BUT_UNMERGED;
            case '?' -> GitFileState.UNTRACKED;
            default -> GitFileState.UNMODIFIED;
        };
    }
}
