package io.daytona.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A git server on "the internet" ({@link InternetNamespace}): {@code git http-backend} behind a
 * small Python HTTP server that demands basic authentication, serving {@code project.git} with
 * branches {@code main} (two commits) and {@code feature} (one more). Needs root, git and python3.
 */
final class GitServer implements AutoCloseable {
    static final String USERNAME = "tester";
    static final String FEATURE_BRANCH = "feature";
    private static final int PORT = 8081;

    private final InternetNamespace internet;
    private final Process server;
    private final Path root;
    private final String password;
    private final String firstCommit;
    private final String mainHead;

    private GitServer(InternetNamespace internet, Process server, Path root, String password, String firstCommit, String mainHead) {
        this.internet = internet;
        this.server = server;
        this.root = root;
        this.password = password;
        this.firstCommit = firstCommit;
        this.mainHead = mainHead;
    }

    static GitServer start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("daytona-git-server");
        Path seed = Files.createDirectories(root.resolve("seed"));
        git(seed, "init", "-q", "-b", "main");
        Files.writeString(seed.resolve("README.md"), "# project\n");
        git(seed, "add", ".");
        git(seed, "commit", "-q", "-m", "Initial commit");
        String first = git(seed, "rev-parse", "HEAD").strip();
        Files.writeString(seed.resolve("main.py"), "print('hello')\n");
        git(seed, "add", ".");
        git(seed, "commit", "-q", "-m", "Add main.py");
        String mainHead = git(seed, "rev-parse", "HEAD").strip();
        git(seed, "checkout", "-q", "-b", FEATURE_BRANCH);
        Files.writeString(seed.resolve("feature.txt"), "feature work\n");
        git(seed, "add", ".");
        git(seed, "commit", "-q", "-m", "Feature work");
        git(seed, "checkout", "-q", "main");
        Path repositories = Files.createDirectories(root.resolve("repositories"));
        git(root, "clone", "-q", "--bare", seed.toString(), repositories.resolve("project.git").toString());
        Path script = root.resolve("git-http-server.py");
        try (InputStream in = GitServer.class.getResourceAsStream("/git-http-server.py")) {
            Files.write(script, in.readAllBytes());
        }
        String password = "pw-" + UUID.randomUUID();
        InternetNamespace internet = InternetNamespace.start();
        Process server = internet.startInside(List.of("python3", script.toString(), internet.serverAddress(), String.valueOf(PORT),
                repositories.toString(), USERNAME, password));
        GitServer git = new GitServer(internet, server, root, password, first, mainHead);
        git.awaitReady();
        return git;
    }

    /** The repository's URL, e.g. {@code http://198.18.7.2:8081/project.git}. */
    String url() {
        return "http://" + internet.serverAddress() + ":" + PORT + "/project.git";
    }

    String password() {
        return password;
    }

    /** The first commit of {@code main}. */
    String firstCommit() {
        return firstCommit;
    }

    /** The last commit of {@code main} as the server started. */
    String mainHead() {
        return mainHead;
    }

    /** The subject lines of a branch's history on the server, newest first. */
    List<String> log(String branch) throws IOException, InterruptedException {
        return git(root.resolve("repositories/project.git"), "log", "--format=%s", branch).lines().toList();
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String basic = Base64.getEncoder().encodeToString((USERNAME + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/info/refs?service=git-upload-pack"))
                .header("Authorization", "Basic " + basic).build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                    close();
                    throw new IOException("the git server did not start on " + url());
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroyForcibly();
        server.waitFor();
        internet.close();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_AUTHOR_NAME", "Seed");
        builder.environment().put("GIT_AUTHOR_EMAIL", "seed@example.com");
        builder.environment().put("GIT_COMMITTER_NAME", "Seed");
        builder.environment().put("GIT_COMMITTER_EMAIL", "seed@example.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }
}
