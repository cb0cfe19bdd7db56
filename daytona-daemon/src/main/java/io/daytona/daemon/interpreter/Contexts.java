package io.daytona.daemon.interpreter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The interpreter contexts of the sandbox; {@code default} exists from the start and is never listed or deleted. */
final class Contexts implements AutoCloseable {
    static final String DEFAULT = "default";

    private final Path workDir;
    private final Clock clock;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Context> contexts = new ConcurrentHashMap<>();

    Contexts(Path workDir, Clock clock, ObjectMapper json) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
        contexts.put(DEFAULT, new Context(DEFAULT, workDir, clock.instant(), json));
    }

    Context create(Path cwd) {
        String id = UUID.randomUUID().toString();
        Context context = new Context(id, cwd, clock.instant(), json);
        contexts.put(id, context);
        return context;
    }

    Optional<Context> find(String id) {
        return Optional.ofNullable(contexts.get(id));
    }

    List<Context> created() {
        return contexts.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(DEFAULT))
                .map(java.util.Map.Entry::getValue)
                .sorted(Comparator.comparing(context -> context.describe().createdAt()))
                .toList();
    }

    boolean delete(String id) {
        Context removed = contexts.remove(id);
        if (removed == null) {
            return false;
        }
        removed.close();
        return true;
    }

    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        contexts.values().forEach(Context::close);
    }
}
