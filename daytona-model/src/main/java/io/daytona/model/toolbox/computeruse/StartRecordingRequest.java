package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/recordings/start}; may be empty.
 *
 * @param label put in the file name: letters, digits, spaces, {@code .}, {@code _} and {@code -}, at most 100
 */
public record StartRecordingRequest(String label) {}
