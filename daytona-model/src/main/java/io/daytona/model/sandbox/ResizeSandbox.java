package io.daytona.model.sandbox;

/**
 * The body of {@code POST /api/sandbox/{id}/resize}; absent fields keep their value. CPU and
 * memory change on a started or stopped sandbox, disk only on a stopped one and only upwards.
 *
 * @param cpu CPU cores
 * @param memory memory in GiB
 * @param disk disk in GiB
 */
public record ResizeSandbox(Integer cpu, Integer memory, Integer disk) {}
