package io.daytona.runner.disk;

import static java.util.Objects.requireNonNull;

import io.daytona.runner.engine.ContainerEngine;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * Keeps the images under sandboxes from being removed. A sandbox on its own root filesystem
 * reads the image's layers directly, so the engine does not know the image is in use and would
 * delete the layers under a running sandbox. For every image its sandboxes use, the runner keeps
 * one never-started container of it (a <em>hold</em>): the engine then refuses to remove the image
 * as it would for any container's, and the platform's snapshot removal waits as it does for those.
 * A hold goes once no sandbox of this runner uses its image.
 */
public final class ImageHolds {
    /** On a hold: the id of the image it holds. */
    public static final String LABEL_HOLD = "io.daytona.image-hold";
    /** On a sandbox on its own root filesystem: the id of the image below it. */
    public static final String LABEL_IMAGE = "io.daytona.image-id";

    /** Work that creates a container of a held image. */
    @FunctionalInterface
    public interface HeldWork {
        void run() throws Exception;
    }

    private final ContainerEngine engine;
    private final String runnerId;
    private final Map<String, String> labels;
    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    /** {@code labels} (platform and runner) go on every hold, with {@link #LABEL_HOLD}. */
    public ImageHolds(ContainerEngine engine, String runnerId, Map<String, String> labels) {
        this.engine = requireNonNull(engine, "engine is null");
        this.runnerId = requireNonNull(runnerId, "runnerId is null");
        this.labels = Map.copyOf(labels);
    }

    /**
     * Runs {@code work} (which makes a container of {@code imageId}) while the image is held, so
     * that a concurrent {@link #releaseUnused} cannot drop the hold between the two.
     */
    public void whileHeld(String imageId, HeldWork work) throws Exception {
        ReadWriteLock lock = lock(imageId);
        lock.readLock().lock();
        try {
            if (engine.inspect(name(imageId)).isEmpty()) {
                Map<String, String> holdLabels = new HashMap<>(labels);
                holdLabels.put(LABEL_HOLD, imageId);
                engine.createPlaceholder(name(imageId), imageId, holdLabels);
            }
            work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a container of this runner is a hold rather than a sandbox. */
    public static boolean isHold(Map<String, String> containerLabels) {
        return containerLabels.containsKey(LABEL_HOLD);
    }

    /**
     * Removes the holds of images that no sandbox of this runner uses any more; returns their
     * image ids. {@code runnerLabel} names the label every container of this runner carries.
     */
    public List<String> releaseUnused(String runnerLabel) throws IOException {
        List<ContainerEngine.ContainerSummary> containers = engine.containersLabelled(Map.of(runnerLabel, runnerId));
        Set<String> used = containers.stream()
                .filter(c -> !isHold(c.labels()) && c.labels().containsKey(LABEL_IMAGE))
                .map(c -> c.labels().get(LABEL_IMAGE))
                .collect(Collectors.toSet());
        List<String> unused = containers.stream()
                .filter(c -> isHold(c.labels()) && !used.contains(c.labels().get(LABEL_HOLD)))
                .map(c -> c.labels().get(LABEL_HOLD))
                .toList();
        List<String> released = new java.util.ArrayList<>();
        for (String imageId : unused) {
            ReadWriteLock lock = lock(imageId);
            lock.writeLock().lock();
            try {
                // Look again under the lock: a sandbox may have been made since the listing.
                if (engine.containersLabelled(Map.of(runnerLabel, runnerId, LABEL_IMAGE, imageId)).isEmpty()) {
                    engine.remove(name(imageId));
                    released.add(imageId);
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
        return List.copyOf(released);
    }

    /** The hold's container name: one per runner and image. */
    String name(String imageId) {
        String id = imageId.replaceFirst("^sha256:", "");
        return "daytona-hold-" + runnerId + "-" + id.substring(0, Math.min(12, id.length()));
    }

    private ReadWriteLock lock(String imageId) {
        return locks.computeIfAbsent(imageId, id -> new ReentrantReadWriteLock());
    }
}
