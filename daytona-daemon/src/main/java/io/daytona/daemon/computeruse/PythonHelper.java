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
 * A Python process of the desktop that answers JSON requests, one a line, one at a time: the
 * screenshot worker ({@code screenshot.py}, Pillow) and the accessibility worker
 * ({@code accessibility.py}, AT-SPI over D-Bus). Each is started by its first request after the
 * desktop starts and ended when the desktop stops, so an idle sandbox has none. Answers are read
 * by a platform thread (a blocking pipe read would pin a virtual thread's carrier) into a queue.
 */
final class PythonHelper implements AutoCloseable {
    private static final String END = "\u0000end";
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper;
    private final String name;

    private PythonHelper(String name, Process process, ObjectMapper mapper) {
        this.name = name;
        this.process = process;
        this.requests = process.getOutputStream();
        this.mapper = mapper;
        Thread.ofPlatform().daemon().name(name + "-" + process.pid()).start(this::readAnswers);
    }

    /**
     * Starts {@code <name>.py} (a resource next to this class) with the desktop's environment and
     * the display as its argument; its stderr goes to {@code <name>.err} in the state directory.
     */
    static PythonHelper start(String name, DesktopConfig config, ObjectMapper mapper) throws IOException {
        String script;
        try (InputStream in = PythonHelper.class.getResourceAsStream(name + ".py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", "-u", "-c", script, config.display()))
                .redirectError(ProcessBuilder.Redirect.appendTo(config.stateDir().resolve(name + ".err").toFile()));
        builder.environment().putAll(config.environment());
        return new PythonHelper(name, builder.start(), mapper);
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
                    answer == null ? "the " + name + " worker did not answer" : "the " + name + " worker exited");
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
