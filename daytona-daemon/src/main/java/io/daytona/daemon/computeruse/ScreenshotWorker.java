package io.daytona.daemon.computeruse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python process (Pillow) that grabs and encodes screenshots, one request at a time. It is
 * started by the first screenshot after the desktop starts and ended when the desktop stops, so
 * an idle sandbox has none. Its answers are read by a platform thread (a blocking pipe read
 * would pin a virtual thread's carrier) into a queue.
 */
final class ScreenshotWorker implements AutoCloseable {
    private static final String END = "\u0000end";
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper;

    private ScreenshotWorker(Process process, ObjectMapper mapper) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.mapper = mapper;
        Thread.ofPlatform().daemon().name("screenshot-" + process.pid()).start(this::readAnswers);
    }

    static ScreenshotWorker start(DesktopConfig config, ObjectMapper mapper) throws IOException {
        String script;
        try (InputStream in = ScreenshotWorker.class.getResourceAsStream("screenshot.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", "-u", "-c", script, config.display()))
                .redirectError(ProcessBuilder.Redirect.appendTo(config.stateDir().resolve("screenshot.err").toFile()));
        builder.environment().putAll(config.environment());
        return new ScreenshotWorker(builder.start(), mapper);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one request and waits for its answer; a worker that died or hangs is a 500. */
    synchronized JsonNode request(Map<String, Object> request) throws IOException, InterruptedException {
        requests.write((mapper.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        String answer = answers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer == null || END.equals(answer)) {
            process.destroyForcibly();
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                    answer == null ? "the screenshot worker did not answer" : "the screenshot worker exited");
        }
        return mapper.readTree(answer);
    }

    private void readAnswers() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException ignored) {
            // the worker is gone; END says so
        } finally {
            answers.add(END);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
