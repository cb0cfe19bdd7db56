package io.daytona.sdk;

/**
 * Resources of a sandbox or snapshot: for {@link Sandbox#resize(Resources)} (a null field keeps
 * its current value; CPU and memory change on a started sandbox at once, disk only grows and only
 * while the sandbox is stopped, GPUs cannot change) and for {@link CreateSnapshotParams} (a null
 * field takes the server's default).
 *
 * @param cpu CPU cores, or null
 * @param memory memory in GiB, or null
 * @param disk disk in GiB, or null
 * @param gpu GPUs, or null
 */
public record Resources(Integer cpu, Integer memory, Integer disk, Integer gpu) {
    /**
     * Resources without GPUs.
     *
     * @param cpu CPU cores, or null
     * @param memory memory in GiB, or null
     * @param disk disk in GiB, or null
     */
    public Resources(Integer cpu, Integer memory, Integer disk) {
        this(cpu, memory, disk, null);
    }

    /**
     * Returns a builder with every field unset.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Resources}. */
    public static final class Builder {
        private Integer cpu;
        private Integer memory;
        private Integer disk;
        private Integer gpu;

        private Builder() {}

        /**
         * Sets the CPU cores.
         *
         * @param cpu the number of cores
         * @return this builder
         */
        public Builder cpu(int cpu) {
            this.cpu = cpu;
            return this;
        }

        /**
         * Sets the memory.
         *
         * @param memory the memory in GiB
         * @return this builder
         */
        public Builder memory(int memory) {
            this.memory = memory;
            return this;
        }

        /**
         * Sets the disk size.
         *
         * @param disk the disk size in GiB
         * @return this builder
         */
        public Builder disk(int disk) {
            this.disk = disk;
            return this;
        }

        /**
         * Sets the GPUs.
         *
         * @param gpu the number of GPUs
         * @return this builder
         */
        public Builder gpu(int gpu) {
            this.gpu = gpu;
            return this;
        }

        /**
         * Builds the resources.
         *
         * @return the resources set so far
         */
        public Resources build() {
            return new Resources(cpu, memory, disk, gpu);
        }
    }
}
