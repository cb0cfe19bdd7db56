package io.daytona.model.toolbox.computeruse;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A screen recording, under way or finished.
 *
 * @param id its id (a UUID, also the start of its file name)
 * @param fileName the MP4 file's name
 * @param filePath the file's absolute path in the sandbox
 * @param startTime when it started
 * @param endTime when it stopped; absent while recording
 * @param status {@code recording}, {@code completed} or {@code failed}
 * @param durationSeconds how long it lasted; absent while recording
 * @param sizeBytes the file's size; absent while recording
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recording(String id, String fileName, String filePath, Instant startTime, Instant endTime, String status,
                        Double durationSeconds, Long sizeBytes) {}
