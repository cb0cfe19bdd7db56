package io.daytona.model.toolbox.computeruse;

/** The body of {@code POST /computeruse/recordings/stop}: the recording to stop. */
public record StopRecordingRequest(String id) {}
