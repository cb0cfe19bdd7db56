package io.daytona.sdk;

/**
 * New resources for {@link Sandbox#resize(Resources)}; a null field keeps its current value.
 * CPU and memory change on a started sandbox at once; disk only grows, and only while the sandbox
 * is stopped.
 *
 * @param cpu CPU cores, or null
 * @param memory memory in GiB, or null
 * @param disk disk in GiB, or null
 */
public record Resources(Integer cpu, Integer memory, Integer disk) {
    /** Returns a builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Resources}. */
    public static final class Builder {
        private Integer cpu;
        private Integer memory;
        private Integer disk;

        private Builder() {}

        /** Sets the CPU cores. */
        public Builder cpu(int cpu) {
            this.cpu = cpu;
            return this;
        }

        /** Sets the memory in GiB. */
        public Builder memory(int memory) {
            this.memory = memory;
            return this;
        }

        /** Sets the disk in GiB. */
        public Builder disk(int disk) {
            this.disk = disk;
            return this;
        }

        /** Returns the resources set so far. */
        public Resources build() {
            return new Resources(cpu, memory, disk);
        }
    }
}
