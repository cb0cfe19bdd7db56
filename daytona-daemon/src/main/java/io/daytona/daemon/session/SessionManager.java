package io.daytona.daemon.session;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The sandbox's sessions, by the id their creator chose. */
public final class SessionManager implements AutoCloseable {
    /** Reserved for the image's own entrypoint. */
    static final String ENTRYPOINT = "entrypoint";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final Path root;
    private final Path workDir;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param root where session logs live, e.g. {@code ~/.daytona/sessions}
     * @param workDir where new shells start
     */
    public SessionManager(Path root, Path workDir) {
        this.root = requireNonNull(root, "root is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    Session create(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ServiceException.badRequest("sessionId must be 1-128 letters, digits, '.', '_' or '-', got '%s'", id);
        }
        if (id.equals(ENTRYPOINT)) {
            throw ServiceException.badRequest("session id '%s' is reserved for the image's entrypoint; choose another", id);
        }
        Session session = new Session(id, root.resolve(id), workDir);
        if (sessions.putIfAbsent(id, session) != null) {
            throw ServiceException.conflict("session %s already exists; delete it first or choose another id", id);
        }
        return session;
    }

    Session get(String id) {
        return Optional.ofNullable(sessions.get(id))
                .orElseThrow(() -> ServiceException.notFound("session %s not found", id));
    }

    List<Session> list() {
        return sessions.values().stream().sorted(Comparator.comparing(Session::id)).toList();
    }

    void delete(String id) {
        Session removed = sessions.remove(id);
        if (removed == null) {
            throw ServiceException.notFound("session %s not found", id);
        }
        removed.close();
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }
}
