package io.daytona.model.toolbox.git;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The state of a file in the index ({@code staging}) or the work tree ({@code worktree}), as spelled on the wire. */
public enum GitFileState {
    UNMODIFIED("Unmodified"),
    UNTRACKED("Untracked"),
    MODIFIED("Modified"),
    ADDED("Added"),
    DELETED("Deleted"),
    RENAMED("Renamed"),
    COPIED("Copied"),
    UPDATED_BUT_UNMERGED("Updated but unmerged");

    private final String wireValue;

    GitFileState(String wireValue) {
        this.wireValue = wireValue;
    }

    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Reads the wire spelling; an unknown one (from a newer server) is null rather than an error. */
    @JsonCreator
    public static GitFileState fromWire(String value) {
        for (GitFileState state : values()) {
            if (state.wireValue.equals(value)) {
                return state;
            }
        }
        return null;
    }
}
