package io.daytona.cli.sandbox;

/**
 * {@code --class}: the upstream CLI's sizing classes (its {@code SandboxClass}), which the API no
 * longer takes. Here a class is a shorthand for resources; {@code --cpu}, {@code --memory} and
 * {@code --disk} given as well win over it.
 */
public enum SandboxClass {
    small(4, 8, 30),
    medium(8, 16, 60),
    large(12, 24, 90);

    final int cpu;
    final int memoryGb;
    final int diskGb;

    SandboxClass(int cpu, int memoryGb, int diskGb) {
        this.cpu = cpu;
        this.memoryGb = memoryGb;
        this.diskGb = diskGb;
    }
}
