package io.daytona.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declarative image: a Dockerfile built step by step, and the local files and directories its
 * {@code COPY} lines need, which are uploaded as build contexts when a snapshot or a sandbox is
 * created from it. Immutable: every step returns a new image. The Dockerfile text is the same the
 * official SDKs write for the same steps, so identical images share their build cache.
 *
 * <pre>{@code
 * Image image = Image.debianSlim("3.12")
 *         .pipInstall(List.of("numpy", "pandas"))
 *         .addLocalFile(Path.of("app.py"), "/home/daytona/app.py")
 *         .env(Map.of("MODE", "prod"));
 * }</pre>
 */
public final class Image {
    private static final List<String> PYTHON_SERIES = List.of("3.9", "3.10", "3.11", "3.12", "3.13");
    private static final List<String> PYTHON_MICRO = List.of("3.9.22", "3.10.17", "3.11.12", "3.12.10", "3.13.3");
    private static final Pattern COPY = Pattern.compile("^\\s*(?:COPY|ADD)\\s+(.*)$", Pattern.CASE_INSENSITIVE);

    private final String dockerfile;
    private final List<Context> contexts;

    /**
     * A local file or directory an image's {@code COPY} needs.
     *
     * @param sourcePath where it is on this machine
     * @param archivePath its path inside the uploaded archive, which is what {@code COPY} names
     */
    public record Context(Path sourcePath, String archivePath) {
        public Context {
            Objects.requireNonNull(sourcePath, "sourcePath is null");
            Objects.requireNonNull(archivePath, "archivePath is null");
        }
    }

    /**
     * Options of {@code pip install}.
     *
     * @param findLinks {@code --find-links} locations
     * @param indexUrl {@code --index-url}, or null
     * @param extraIndexUrls {@code --extra-index-url} locations
     * @param pre whether to pass {@code --pre}
     * @param extraOptions further options, written as given, or null
     */
    public record PipInstallOptions(List<String> findLinks, String indexUrl, List<String> extraIndexUrls, boolean pre, String extraOptions) {
        public PipInstallOptions {
            findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
            extraIndexUrls = extraIndexUrls == null ? List.of() : List.copyOf(extraIndexUrls);
        }

        /** No options. */
        public static PipInstallOptions none() {
            return new PipInstallOptions(List.of(), null, List.of(), false, null);
        }
    }

    private Image(String dockerfile, List<Context> contexts) {
        this.dockerfile = dockerfile;
        this.contexts = List.copyOf(contexts);
    }

    /** An image based on {@code image}, e.g. {@code localhost/daytona/sandbox:0.1.0}: {@code FROM image}. */
    public static Image base(String image) {
        requireText(image, "image");
        return new Image("FROM " + image + "\n", List.of());
    }

    /** A Debian slim image with Python of the newest supported series (3.13). */
    public static Image debianSlim() {
        return debianSlim(null);
    }

    /**
     * A Debian slim image with the given Python series ({@code 3.9} … {@code 3.13}; null for the
     * newest), with compilers and an up-to-date pip.
     */
    public static Image debianSlim(String pythonVersion) {
        String series = pythonVersion == null ? PYTHON_SERIES.getLast() : pythonVersion;
        int index = PYTHON_SERIES.indexOf(series);
        if (index < 0) {
            throw new IllegalArgumentException("pythonVersion must be one of " + PYTHON_SERIES + ", got " + pythonVersion);
        }
        return new Image(String.join("\n",
                "FROM python:" + PYTHON_MICRO.get(index) + "-slim-bookworm",
                "RUN apt-get update",
                "RUN apt-get install -y gcc gfortran build-essential",
                "RUN pip install --upgrade pip",
                "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections") + "\n", List.of());
    }

    /** An image from an existing Dockerfile; the sources of its {@code COPY} and {@code ADD} lines become contexts. */
    public static Image fromDockerfile(Path dockerfile) {
        Path file = dockerfile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Dockerfile " + dockerfile + " does not exist or is not a file");
        }
        try {
            String text = Files.readString(file);
            return new Image(text, copySources(text, file.getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + dockerfile, e);
        }
    }

    /** {@code RUN python -m pip install} the packages, sorted. */
    public Image pipInstall(List<String> packages) {
        return pipInstall(packages, PipInstallOptions.none());
    }

    /** {@code RUN python -m pip install} the packages, sorted, with options. */
    public Image pipInstall(List<String> packages, PipInstallOptions options) {
        if (packages.isEmpty()) {
            return this;
        }
        List<String> sorted = packages.stream().sorted().map(Image::quote).toList();
        return append("RUN python -m pip install " + String.join(" ", sorted) + pipArgs(options));
    }

    /** Copies a requirements file into the image and installs it. */
    public Image pipInstallFromRequirements(Path requirements, PipInstallOptions options) {
        Path file = existingFile(requirements);
        return withContext(new Context(file, file.toString()),
                "COPY " + file + " /.requirements.txt\nRUN python -m pip install -r /.requirements.txt" + pipArgs(options));
    }

    /** One {@code RUN} line per command, e.g. {@code runCommands("apt-get update", "apt-get install -y git")}. */
    public Image runCommands(String... commands) {
        Image image = this;
        for (String command : commands) {
            image = image.append("RUN " + requireText(command, "command"));
        }
        return image;
    }

    /** {@code ENV} lines in the map's order (a {@code LinkedHashMap} keeps yours); values are shell-quoted. */
    public Image env(Map<String, String> variables) {
        Image image = this;
        for (var entry : variables.entrySet()) {
            image = image.append("ENV " + entry.getKey() + "=" + quote(Objects.requireNonNull(entry.getValue(), "env value is null")));
        }
        return image;
    }

    /** {@code WORKDIR path}. */
    public Image workdir(String path) {
        return append("WORKDIR " + quote(requireText(path, "path")));
    }

    /** Copies a local file to {@code remotePath}; a remote path ending in {@code /} keeps the file's name. */
    public Image addLocalFile(Path localPath, String remotePath) {
        Path file = existingFile(localPath);
        String remote = remotePath.endsWith("/") ? remotePath + file.getFileName() : remotePath;
        return withContext(new Context(file, file.toString()), "COPY " + file + " " + remote);
    }

    /** Copies a local directory to {@code remotePath}. */
    public Image addLocalDir(Path localPath, String remotePath) {
        Path directory = localPath.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Local directory " + localPath + " does not exist or is not a directory");
        }
        return withContext(new Context(directory, directory.toString()), "COPY " + directory + " " + remotePath);
    }

    /** {@code ENTRYPOINT ["…", …]}. */
    public Image entrypoint(List<String> command) {
        return append("ENTRYPOINT [" + jsonArray(command) + "]");
    }

    /** {@code CMD ["…", …]}. */
    public Image cmd(List<String> command) {
        return append("CMD [" + jsonArray(command) + "]");
    }

    /** Raw Dockerfile lines; the sources of their {@code COPY} lines, relative to {@code contextDirectory}, become contexts. */
    public Image dockerfileCommands(List<String> lines, Path contextDirectory) {
        String text = String.join("\n", lines);
        List<Context> added = contextDirectory == null ? List.of() : copySources(text, contextDirectory.toAbsolutePath().normalize());
        List<Context> all = new ArrayList<>(contexts);
        all.addAll(added);
        return new Image(dockerfile + text + "\n", all);
    }

    /** The Dockerfile text. */
    public String dockerfile() {
        return dockerfile;
    }

    /** The local files and directories to upload as build contexts. */
    public List<Context> contexts() {
        return contexts;
    }

    private Image append(String line) {
        return new Image(dockerfile + line + "\n", contexts);
    }

    private Image withContext(Context context, String lines) {
        List<Context> all = new ArrayList<>(contexts);
        all.add(context);
        return new Image(dockerfile + lines + "\n", all);
    }

    private static List<Context> copySources(String text, Path directory) {
        List<Context> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher matcher = COPY.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(matcher.group(1).trim().split("\\s+")));
            if (parts.stream().anyMatch(p -> p.startsWith("--from"))) {
                continue;
            }
            parts.removeIf(p -> p.startsWith("--"));
            if (parts.size() < 2 || parts.getFirst().startsWith("[")) {
                continue;
            }
            for (String source : parts.subList(0, parts.size() - 1)) {
                if (source.contains("://")) {
                    continue;
                }
                Path path = directory.resolve(source).normalize();
                if (Files.exists(path)) {
                    found.add(new Context(path, directory.relativize(path).toString()));
                }
            }
        }
        return found;
    }

    private static String pipArgs(PipInstallOptions options) {
        if (options == null) {
            return "";
        }
        StringBuilder args = new StringBuilder();
        options.findLinks().forEach(link -> args.append(" --find-links ").append(quote(link)));
        if (options.indexUrl() != null) {
            args.append(" --index-url ").append(quote(options.indexUrl()));
        }
        options.extraIndexUrls().forEach(url -> args.append(" --extra-index-url ").append(quote(url)));
        if (options.pre()) {
            args.append(" --pre");
        }
        if (options.extraOptions() != null && !options.extraOptions().isBlank()) {
            args.append(' ').append(options.extraOptions().strip());
        }
        return args.toString();
    }

    /** Shell quoting as the official SDK's {@code shell-quote} does it, so Dockerfiles come out identical. */
    static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (value.matches("(?s).*[\"\\s].*") && !value.contains("'")) {
            return "'" + value.replaceAll("(['\\\\])", "\\\\$1") + "'";
        }
        if (value.matches("(?s).*[\"'\\s].*")) {
            return "\"" + value.replaceAll("([\"\\\\$`!])", "\\\\$1") + "\"";
        }
        return value.replaceAll("([A-Za-z]:)?([#!\"$&'()*,:;<=>?@\\[\\\\\\]^`{|}])", "$1\\\\$2");
    }

    private static String jsonArray(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + Objects.requireNonNull(v, "command part is null") + "\"").toList());
    }

    private static Path existingFile(Path path) {
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Local file " + path + " does not exist or is not a file");
        }
        return file;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return dockerfile;
    }
}
