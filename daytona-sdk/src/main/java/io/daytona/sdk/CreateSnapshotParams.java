package io.daytona.sdk;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SnapshotService#create(CreateSnapshotParams, java.util.function.Consumer, java.time.Duration)}
 * creates: a named snapshot of an existing image (a name with a tag or digest) or of a declarative
 * {@link Image} built for it, with optional resources, entrypoint and region. The Python SDK's
 * {@code CreateSnapshotParams}.
 *
 * <pre>{@code
 * CreateSnapshotParams params = CreateSnapshotParams.builder("my-snapshot")
 *         .image(Image.debianSlim("3.12").pipInstall("numpy"))
 *         .resources(Resources.builder().cpu(2).memory(4).build())
 *         .build();
 * }</pre>
 *
 * @param name the snapshot's name, unique in the organization
 * @param imageName the image to snapshot, e.g. {@code python:3.12-slim}; null when {@code image} is set
 * @param image the declarative image to build; null when {@code imageName} is set
 * @param resources the default resources of its sandboxes; null for the server's defaults
 * @param entrypoint the command its sandboxes run at start; null for the image's own
 * @param regionId the region to build it in; null for the organization's default
 */
public record CreateSnapshotParams(String name, String imageName, Image image, Resources resources, List<String> entrypoint,
                                   String regionId) {
    /**
     * Checks that exactly one of {@code imageName} and {@code image} is set.
     *
     * @param name the snapshot's name
     * @param imageName the image to snapshot, or null
     * @param image the declarative image to build, or null
     * @param resources the default resources, or null
     * @param entrypoint the start command, or null
     * @param regionId the region, or null
     * @throws IllegalArgumentException if the name is blank, or both or neither image is set
     */
    public CreateSnapshotParams {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if ((imageName == null) == (image == null)) {
            throw new IllegalArgumentException("set exactly one of imageName and image (got " + (image == null ? "neither" : "both") + ")");
        }
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    }

    /**
     * Starts a builder of a snapshot named {@code name}.
     *
     * @param name the snapshot's name
     * @return a builder; set an image before building
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds {@link CreateSnapshotParams}. */
    public static final class Builder {
        private final String name;
        private String imageName;
        private Image image;
        private Resources resources;
        private List<String> entrypoint;
        private String regionId;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Snapshots an existing image; replaces any declarative image set before.
         *
         * @param imageName an image name with a tag or digest
         * @return this builder
         */
        public Builder image(String imageName) {
            this.imageName = imageName;
            this.image = null;
            return this;
        }

        /**
         * Builds a declarative image; replaces any image name set before.
         *
         * @param image the image to build
         * @return this builder
         */
        public Builder image(Image image) {
            this.image = image;
            this.imageName = null;
            return this;
        }

        /**
         * Sets the default resources of the snapshot's sandboxes.
         *
         * @param resources CPU, memory, disk and GPU; null fields take the server's defaults
         * @return this builder
         */
        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        /**
         * Sets the command the snapshot's sandboxes run at start.
         *
         * @param entrypoint the program and its arguments
         * @return this builder
         */
        public Builder entrypoint(List<String> entrypoint) {
            this.entrypoint = entrypoint;
            return this;
        }

        /**
         * Sets the region to build the snapshot in.
         *
         * @param regionId a region ID, e.g. {@code us}
         * @return this builder
         */
        public Builder regionId(String regionId) {
            this.regionId = regionId;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         * @throws IllegalArgumentException if no image was set
         */
        public CreateSnapshotParams build() {
            return new CreateSnapshotParams(name, imageName, image, resources, entrypoint, regionId);
        }
    }
}
