package io.daytona.controlplane.snapshot;

import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What snapshots need of a runner's engine: images to inspect, pull, build and remove. */
public interface ImageRuntime {
    /**
     * An image on the runner.
     *
     * @param sizeBytes its size on disk
     * @param command its own entrypoint followed by its command
     */
    record ImageInfo(long sizeBytes, List<String> command) {
        public ImageInfo {
            command = List.copyOf(command);
        }
    }

    /**
     * A login to a docker registry, handed to the engine for one pull.
     *
     * @param registryAddress the registry's host (and port), as in the image name
     */
    record RegistryCredentials(String registryAddress, String username, String password) {
        @Override
        public String toString() {
            return "RegistryCredentials[" + username + "@" + registryAddress + "]";
        }
    }

    Optional<ImageInfo> inspect(String image);

    /** Pulls an image from its registry, passing progress lines to {@code log}. */
    default void pull(String image, Consumer<String> log) throws Exception {
        pull(image, Optional.empty(), log);
    }

    /** Pulls an image from its registry, logged in with {@code credentials} when given. */
    void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) throws Exception;

    /**
     * Builds {@code dockerfile} with the context archives (tar) extracted into its build context,
     * tags the image {@code tag}, and passes each output line to {@code log} as it comes.
     */
    void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) throws Exception;

    void remove(String image) throws Exception;

    /** A runtime that knows only which images exist: nothing can be pulled or built. */
    static ImageRuntime inspectOnly(java.util.function.Predicate<String> exists) {
        return new ImageRuntime() {
            @Override
            public Optional<ImageInfo> inspect(String image) {
                return exists.test(image) ? Optional.of(new ImageInfo(0, List.of())) : Optional.empty();
            }

            @Override
            public void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) {
                throw new IllegalStateException("this runner cannot pull images");
            }

            @Override
            public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) {
                throw ServiceException.badRequest("this runner cannot build images");
            }

            @Override
            public void remove(String image) {}
        };
    }
}
