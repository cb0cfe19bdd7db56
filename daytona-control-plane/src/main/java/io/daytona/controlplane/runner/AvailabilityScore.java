package io.daytona.controlplane.runner;

/**
 * A runner's availability score, 0 (full) to 100 (idle), as the reference design computes it
 * (TOPSIS): the host's CPU, memory and disk use, the share of its resources given to sandboxes,
 * and its started sandboxes, each normalised by 100 and weighted, are compared with an optimal and
 * a critical point; the score is the distance to the critical point over the sum of both
 * distances. Penalties make it fall fast once CPU passes 90 %, the load average per core 0.7, or
 * memory or disk 75 %.
 */
public final class AvailabilityScore {
    private static final double[] WEIGHTS = {0.25, 0.4, 0.4, 0.03, 0.03, 0.03, 0.1};
    private static final double[] OPTIMAL = {0, 0, 0, 100, 100, 100, 0};
    private static final double[] CRITICAL = {100, 100, 100, 500, 500, 500, 100};

    private AvailabilityScore() {}

    /**
     * The score of a runner whose host uses {@code cpuUsage}, {@code memoryUsage} and
     * {@code diskUsage} percent, with {@code loadAverage} over {@code cores}, whose sandboxes were
     * given {@code allocatedCpu}, {@code allocatedMemory} and {@code allocatedDisk} percent of its
     * resources, and which runs {@code started} sandboxes.
     */
    public static double of(double cpuUsage, double memoryUsage, double diskUsage, double loadAverage, double cores,
                            double allocatedCpu, double allocatedMemory, double allocatedDisk, int started) {
        double[] values = {cpuUsage, memoryUsage, diskUsage, allocatedCpu, allocatedMemory, allocatedDisk, started};
        double toOptimal = 0;
        double toCritical = 0;
        for (int i = 0; i < values.length; i++) {
            double value = Math.max(0, values[i]) / 100;
            toOptimal += WEIGHTS[i] * square(value - OPTIMAL[i] / 100);
            toCritical += WEIGHTS[i] * square(value - CRITICAL[i] / 100);
        }
        double score = Math.sqrt(toCritical) / (Math.sqrt(toOptimal) + Math.sqrt(toCritical));
        score *= penalty(cpuUsage, 90, 0.15);
        score *= penalty(cores > 0 ? 100 * loadAverage / cores : 0, 70, 0.1);
        score *= penalty(memoryUsage, 75, 0.15);
        score *= penalty(diskUsage, 75, 0.15);
        return Math.round(score * 100);
    }

    private static double penalty(double value, double threshold, double steepness) {
        return value < threshold ? 1 : Math.exp(-steepness * (value - threshold));
    }

    private static double square(double value) {
        return value * value;
    }
}
