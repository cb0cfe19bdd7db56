package io.daytona.daemon.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.toolbox.git.FileStatus;
import io.daytona.model.toolbox.git.GitFileState;
import io.daytona.model.toolbox.git.GitStatus;
import org.junit.jupiter.api.Test;

class StatusParserTest {
    @Test
    void readsBranchCountsAndEveryKindOfEntry() {
        String output = String.join("\0",
                "# branch.oid 2aff18d2d319f148a2f2c17f729b2ce453dbd5b2",
                "# branch.head feature/x",
                "# branch.upstream origin/feature/x",
                "# branch.ab +2 -3",
                "1 .M N... 100644 100644 100644 aaa aaa file with spaces.txt",
                "1 A. N... 000000 100644 100644 000 bbb added.txt",
                "2 R. N... 100644 100644 100644 ccc ccc R100 new name.txt", "old name.txt",
                "u UU N... 100644 100644 100644 100644 d e f conflict.txt",
                "? untracked.txt") + "\0";
        GitStatus status = StatusParser.parse(output);
        assertThat(status.currentBranch()).isEqualTo("feature/x");
        assertThat(status.ahead()).isEqualTo(2);
        assertThat(status.behind()).isEqualTo(3);
        assertThat(status.branchPublished()).isTrue();
        assertThat(status.fileStatus()).containsExactly(
                new FileStatus("file with spaces.txt", GitFileState.UNMODIFIED, GitFileState.MODIFIED, ""),
                new FileStatus("added.txt", GitFileState.ADDED, GitFileState.UNMODIFIED, ""),
                new FileStatus("new name.txt", GitFileState.RENAMED, GitFileState.UNMODIFIED, "old name.txt"),
                new FileStatus("conflict.txt", GitFileState.UPDATED_BUT_UNMERGED, GitFileState.UPDATED_BUT_UNMERGED, ""),
                new FileStatus("untracked.txt", GitFileState.UNTRACKED, GitFileState.UNTRACKED, ""));
    }

    @Test
    void aDetachedHeadOrAMissingUpstreamIsReportedAsSuch() {
        GitStatus detached = StatusParser.parse("# branch.oid abc\0# branch.head (detached)\0");
        assertThat(detached.currentBranch()).isEqualTo("HEAD");
        assertThat(detached.branchPublished()).isFalse();
        GitStatus gone = StatusParser.parse("# branch.oid abc\0# branch.head main\0# branch.upstream origin/main\0");
        assertThat(gone.branchPublished()).isFalse();
        assertThat(gone.ahead()).isZero();
    }
}
