package io.daytona.daemon.git;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a failed git command into the status a caller gets, from git's own (English) messages:
 * 401 for missing or rejected credentials, 403 for refused access, 404 for a missing repository,
 * branch, commit or file, 409 for a conflict with the repository's state, 400 otherwise. The
 * message quotes git, with any password removed.
 */
final class GitFailures {
    private static final int MAX_QUOTED_LINES = 6;

    private GitFailures() {}

    static ServiceException translate(String operation, GitCli.Result result, Optional<Credentials> credentials) {
        String output = result.stderr() + "\n" + result.stdout();
        ErrorCode code = classify(output.toLowerCase(Locale.ROOT));
        String quoted = quote(output, credentials);
        String message = switch (code) {
            case UNAUTHORIZED -> operation + " failed: authentication failed; check the username and password "
                    + "(or access token) and that the repository exists: " + quoted;
            case FORBIDDEN -> operation + " failed: access denied: " + quoted;
            default -> operation + " failed: " + quoted;
        };
        return new ServiceException(code, message);
    }

    static ErrorCode classify(String output) {
        if (containsAny(output, "authentication failed", "could not read username", "could not read password",
                "terminal prompts disabled", "invalid username or password", "returned error: 401")) {
            return ErrorCode.UNAUTHORIZED;
        }
        if (containsAny(output, "returned error: 403", "detected dubious ownership", "permission denied")
                || output.contains("remote: permission") && output.contains("denied")) {
            return ErrorCode.FORBIDDEN;
        }
        if (containsAny(output, "not a git repository", "repository not found", "returned error: 404",
                "does not appear to be a git repository", "not found in upstream", "couldn't find remote ref",
                "did not match any file", "invalid reference", "not found.", "' not found", "unknown revision", "bad revision")) {
            return ErrorCode.NOT_FOUND;
        }
        if (containsAny(output, "already exists and is not an empty directory", "already exists", "cannot delete branch",
                "would be overwritten", "please commit your changes or stash them", "needs merge",
                "not possible to fast-forward", "non-fast-forward", "fetch first", "updates were rejected",
                "index.lock", "you have unmerged paths", "diverging branches", "divergent branches")) {
            return ErrorCode.CONFLICT;
        }
        return ErrorCode.BAD_REQUEST;
    }

    /** git's last meaningful lines, without progress chatter, hints or passwords. */
    static String quote(String output, Optional<Credentials> credentials) {
        String redacted = RemoteUrl.redactUrls(credentials.map(c -> c.redact(output)).orElse(output));
        List<String> lines = Arrays.stream(redacted.split("\r?\n|\r"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("hint:") && !line.startsWith("Cloning into"))
                .toList();
        String quoted = lines.subList(Math.max(0, lines.size() - MAX_QUOTED_LINES), lines.size()).stream()
                .collect(Collectors.joining(" "));
        return quoted.isEmpty() ? "git gave no reason" : quoted;
    }

    private static boolean containsAny(String text, String... needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
