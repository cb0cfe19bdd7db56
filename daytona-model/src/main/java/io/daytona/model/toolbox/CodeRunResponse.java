package io.daytona.model.toolbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of {@code POST /process/code-run}.
 *
 * @param exitCode the program's exit code
 * @param result stdout and stderr combined, without the lines that carried artifacts
 * @param artifacts what the program produced besides output; absent when it produced nothing
 */
public record CodeRunResponse(int exitCode, String result, @JsonInclude(JsonInclude.Include.NON_NULL) CodeRunArtifacts artifacts) {}
