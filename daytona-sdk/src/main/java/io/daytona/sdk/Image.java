package io.daytona.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declarative image: a Dockerfile built step by step, and the local files and directories its
 * {@code COPY} lines need, which are uploaded as build contexts (see {@link ObjectStorage}) when a
 * snapshot or a sandbox is created from it. Immutable: every step returns a new image. The
 * Dockerfile text is the one the official SDKs write for the same steps (values quoted as the
 * TypeScript SDK quotes them), so identical images share their build cache.
 *
 * <pre>{@code
 * Image image = Image.debianSlim("3.12")
 *         .pipInstall("numpy", "pandas")
 *         .addLocalFile(Path.of("app.py"), "/home/daytona/app.py")
 *         .env(Map.of("MODE", "prod"));
 * }</pre>
 */
public final class Image {
    /** The Python series {@link #debianSlim(String)} accepts. */
    public static final List<String> SUPPORTED_PYTHON_SERIES = List.of("3.9", "3.10", "3.11", "3.12", "3.13");
    private static final List<String> PYTHON_MICRO = List.of("3.9.22", "3.10.17", "3.11.12", "3.12.10", "3.13.3");
    private static final Pattern PYTHON_VERSION = Pattern.compile("^3(?:\\.\\d{1,2}){1,2}(rc\\d*)?$");
    private static final Pattern COPY = Pattern.compile("^\\s*(?:COPY|ADD)\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final String PYPROJECT_GUIDE = "See https://packaging.python.org/en/latest/guides/writing-pyproject-toml "
            + "for further file format guidelines.";

    private final String dockerfile;
    private final List<Context> contexts;

    /**
     * A local file or directory an image's {@code COPY} needs.
     *
     * @param sourcePath where it is on this machine
     * @param archivePath its path inside the uploaded archive, which is what {@code COPY} names
     */
    public record Context(Path sourcePath, String archivePath) {
        /**
         * Checks that both parts are given.
         *
         * @param sourcePath where it is on this machine
         * @param archivePath its path inside the uploaded archive
         */
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
        /**
         * Copies the lists; null lists count as empty.
         *
         * @param findLinks {@code --find-links} locations, or null
         * @param indexUrl {@code --index-url}, or null
         * @param extraIndexUrls {@code --extra-index-url} locations, or null
         * @param pre whether to pass {@code --pre}
         * @param extraOptions further options, written as given, or null
         */
        public PipInstallOptions {
            findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
            extraIndexUrls = extraIndexUrls == null ? List.of() : List.copyOf(extraIndexUrls);
        }

        /**
         * No options.
         *
         * @return options that add nothing to {@code pip install}
         */
        public static PipInstallOptions none() {
            return new PipInstallOptions(List.of(), null, List.of(), false, null);
        }
    }

    private Image(String dockerfile, List<Context> contexts) {
        this.dockerfile = dockerfile;
        this.contexts = List.copyOf(contexts);
    }

    /**
     * An image based on an existing one: {@code FROM image}.
     *
     * @param image the base image, e.g. {@code localhost/daytona/sandbox:0.1.0} or {@code python:3.12-slim-bookworm}
     * @return the image
     * @throws IllegalArgumentException if {@code image} is blank
     */
    public static Image base(String image) {
        requireText(image, "image");
        return new Image("FROM " + image + "\n", List.of());
    }

    /**
     * A Debian slim image with Python of the newest supported series (3.13); the Python SDK picks
     * the local interpreter's series instead, which a JVM does not have.
     *
     * @return the image
     */
    public static Image debianSlim() {
        return debianSlim(null);
    }

    /**
     * A Debian slim image of the official Python image, with compilers and an up-to-date pip.
     *
     * @param pythonVersion a series of {@link #SUPPORTED_PYTHON_SERIES} ({@code 3.12}: its latest
     *     release), a release of one ({@code 3.12.4}, used as given), or null for the newest series
     * @return the image
     * @throws IllegalArgumentException if the version is malformed or of an unsupported series
     */
    public static Image debianSlim(String pythonVersion) {
        return new Image(String.join("\n",
                "FROM python:" + pythonRelease(pythonVersion) + "-slim-bookworm",
                "RUN apt-get update",
                "RUN apt-get install -y gcc gfortran build-essential",
                "RUN pip install --upgrade pip",
                "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections") + "\n", List.of());
    }

    /**
     * An image from an existing Dockerfile; the sources of its {@code COPY} and {@code ADD} lines,
     * relative to the Dockerfile's directory, become contexts.
     *
     * @param dockerfile the Dockerfile
     * @return the image, whose {@link #dockerfile()} is the file's text
     * @throws IllegalArgumentException if the file does not exist
     * @throws UncheckedIOException if it cannot be read
     */
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

    /**
     * An image from an existing Dockerfile whose build context is given explicitly, as
     * {@code daytona sandbox create --dockerfile F --context C} gives it: each path becomes a
     * context named by its path relative to the Dockerfile's directory (what {@code COPY} names),
     * or, outside that directory, by its absolute path without the root. An empty list means the
     * sources of the file's {@code COPY} and {@code ADD} lines, as {@link #fromDockerfile(Path)}.
     *
     * @param dockerfile the Dockerfile
     * @param contexts local files and directories to upload as build contexts
     * @return the image, whose {@link #dockerfile()} is the file's text
     * @throws IllegalArgumentException if the file or a context does not exist
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Image fromDockerfile(Path dockerfile, List<Path> contexts) {
        Objects.requireNonNull(contexts, "contexts is null");
        Image image = fromDockerfile(dockerfile);
        if (contexts.isEmpty()) {
            return image;
        }
        Path directory = dockerfile.toAbsolutePath().normalize().getParent();
        List<Context> given = new ArrayList<>();
        for (Path context : contexts) {
            Path path = Objects.requireNonNull(context, "context is null").toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("Build context " + context + " does not exist");
            }
            String archivePath = path.startsWith(directory)
                    ? directory.relativize(path).toString().replace('\\', '/')
                    : ObjectStorage.computeArchiveBasePath(path);
            given.add(new Context(path, archivePath));
        }
        return new Image(image.dockerfile, given);
    }

    /**
     * {@code RUN python -m pip install} the packages, sorted, e.g. {@code pipInstall("requests", "pandas")}.
     *
     * @param packages requirement specifiers, e.g. {@code numpy>=2}; none adds nothing
     * @return the image with the step added
     */
    public Image pipInstall(String... packages) {
        return pipInstall(Arrays.asList(packages), PipInstallOptions.none());
    }

    /**
     * {@code RUN python -m pip install} the packages, sorted.
     *
     * @param packages requirement specifiers; an empty list adds nothing
     * @return the image with the step added
     */
    public Image pipInstall(List<String> packages) {
        return pipInstall(packages, PipInstallOptions.none());
    }

    /**
     * {@code RUN python -m pip install} the packages, sorted, with options.
     *
     * @param packages requirement specifiers; an empty list adds nothing
     * @param options index, find-links, pre-release and further options; null for none
     * @return the image with the step added
     */
    public Image pipInstall(List<String> packages, PipInstallOptions options) {
        Objects.requireNonNull(packages, "packages is null");
        if (packages.isEmpty()) {
            return this;
        }
        List<String> sorted = packages.stream().map(p -> Objects.requireNonNull(p, "package is null")).sorted().map(Image::quote).toList();
        return append("RUN python -m pip install " + String.join(" ", sorted) + pipArgs(options));
    }

    /**
     * Copies a requirements file into the image and installs it: {@code pip install -r}.
     *
     * @param requirements the local {@code requirements.txt}
     * @return the image with the steps added and the file as a context
     * @throws IllegalArgumentException if the file does not exist
     */
    public Image pipInstallFromRequirements(Path requirements) {
        return pipInstallFromRequirements(requirements, PipInstallOptions.none());
    }

    /**
     * Copies a requirements file into the image and installs it with options.
     *
     * @param requirements the local {@code requirements.txt}
     * @param options index, find-links, pre-release and further options; null for none
     * @return the image with the steps added and the file as a context
     * @throws IllegalArgumentException if the file does not exist
     */
    public Image pipInstallFromRequirements(Path requirements, PipInstallOptions options) {
        Context context = fileContext(requirements, "Requirements file");
        return withContext(context, "COPY " + context.archivePath() + " /.requirements.txt\nRUN python -m pip install -r /.requirements.txt"
                + pipArgs(options));
    }

    /**
     * Installs the dependencies of a {@code pyproject.toml}: those of {@code [project] dependencies}
     * and of the named groups of {@code [project.optional-dependencies]}, in one {@code pip install}
     * (the file itself is not copied into the image).
     *
     * @param pyproject the local {@code pyproject.toml}
     * @param optionalDependencies the optional groups to install too, e.g. {@code List.of("dev")};
     *     groups the file does not have are skipped
     * @return the image with the step added
     * @throws IllegalArgumentException if the file does not exist, is not TOML, or has no
     *     {@code [project] dependencies} list
     */
    public Image pipInstallFromPyproject(Path pyproject, List<String> optionalDependencies) {
        return pipInstallFromPyproject(pyproject, optionalDependencies, PipInstallOptions.none());
    }

    /**
     * Installs the dependencies of a {@code pyproject.toml} with options; see
     * {@link #pipInstallFromPyproject(Path, List)}.
     *
     * @param pyproject the local {@code pyproject.toml}
     * @param optionalDependencies the optional groups to install too; empty for none
     * @param options index, find-links, pre-release and further options; null for none
     * @return the image with the step added
     * @throws IllegalArgumentException if the file does not exist, is not TOML, or has no
     *     {@code [project] dependencies} list
     */
    public Image pipInstallFromPyproject(Path pyproject, List<String> optionalDependencies, PipInstallOptions options) {
        Objects.requireNonNull(optionalDependencies, "optionalDependencies is null");
        JsonNode project = readPyproject(pyproject).path("project");
        if (!project.isObject()) {
            throw new IllegalArgumentException("No [project] section in " + pyproject + ". " + PYPROJECT_GUIDE);
        }
        JsonNode declared = project.path("dependencies");
        if (!declared.isArray()) {
            throw new IllegalArgumentException("No [project.dependencies] section in " + pyproject + ". " + PYPROJECT_GUIDE);
        }
        List<String> dependencies = new ArrayList<>();
        declared.forEach(dependency -> dependencies.add(dependency.asText()));
        JsonNode optionals = project.path("optional-dependencies");
        if (!optionalDependencies.isEmpty() && !optionals.isMissingNode() && !optionals.isObject()) {
            throw new IllegalArgumentException("optional-dependencies must be a table in " + pyproject);
        }
        for (String group : optionalDependencies) {
            optionals.path(group).forEach(dependency -> dependencies.add(dependency.asText()));
        }
        return pipInstall(dependencies, options);
    }

    /**
     * One {@code RUN} line per command, in shell form, e.g.
     * {@code runCommands("apt-get update", "apt-get install -y git")}.
     *
     * @param commands the command lines
     * @return the image with the steps added
     * @throws IllegalArgumentException if a command is blank
     */
    public Image runCommands(String... commands) {
        Image image = this;
        for (String command : commands) {
            image = image.append("RUN " + requireText(command, "command"));
        }
        return image;
    }

    /**
     * One {@code RUN} line of a command given as its arguments, each double-quoted for the shell,
     * e.g. {@code runCommand(List.of("bash", "-c", "echo hi"))} writes {@code RUN "bash" "-c" "echo hi"};
     * the Python SDK's {@code run_commands} with a list.
     *
     * @param arguments the program and its arguments
     * @return the image with the step added
     * @throws IllegalArgumentException if {@code arguments} is empty
     */
    public Image runCommand(List<String> arguments) {
        Objects.requireNonNull(arguments, "arguments is null");
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("arguments is empty: give the program and its arguments");
        }
        List<String> quoted = arguments.stream()
                .map(argument -> "\"" + Objects.requireNonNull(argument, "argument is null").replace("\"", "\\\"").replace("'", "\\'") + "\"")
                .toList();
        return append("RUN " + String.join(" ", quoted));
    }

    /**
     * {@code ENV} lines in the map's order (a {@code LinkedHashMap} keeps yours); values are shell-quoted.
     *
     * @param variables names and values
     * @return the image with the steps added
     */
    public Image env(Map<String, String> variables) {
        Image image = this;
        for (var entry : variables.entrySet()) {
            image = image.append("ENV " + entry.getKey() + "=" + quote(Objects.requireNonNull(entry.getValue(), "env value is null")));
        }
        return image;
    }

    /**
     * {@code WORKDIR path}: where later steps, and commands in sandboxes of the image, run.
     *
     * @param path the directory in the image
     * @return the image with the step added
     */
    public Image workdir(String path) {
        return append("WORKDIR " + quote(requireText(path, "path")));
    }

    /**
     * Copies a local file into the image. Its archive path is its absolute path without the root,
     * e.g. {@code home/me/app.py}, as the official SDKs name it.
     *
     * @param localPath the file on this machine
     * @param remotePath where it goes in the image; a path ending in {@code /} keeps the file's name
     * @return the image with the step added and the file as a context
     * @throws IllegalArgumentException if the file does not exist
     */
    public Image addLocalFile(Path localPath, String remotePath) {
        requireText(remotePath, "remotePath");
        Context context = fileContext(localPath, "Local file");
        String remote = remotePath.endsWith("/") ? remotePath + context.sourcePath().getFileName() : remotePath;
        return withContext(context, "COPY " + context.archivePath() + " " + remote);
    }

    /**
     * Copies a local directory, with everything in it, into the image.
     *
     * @param localPath the directory on this machine
     * @param remotePath where it goes in the image
     * @return the image with the step added and the directory as a context
     * @throws IllegalArgumentException if the directory does not exist
     */
    public Image addLocalDir(Path localPath, String remotePath) {
        requireText(remotePath, "remotePath");
        Path directory = localPath.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Local directory " + localPath + " does not exist or is not a directory");
        }
        String archivePath = ObjectStorage.computeArchiveBasePath(directory);
        return withContext(new Context(directory, archivePath), "COPY " + archivePath + " " + remotePath);
    }

    /**
     * {@code ENTRYPOINT ["…", …]}: what sandboxes of the image run at start, next to the toolbox.
     *
     * @param command the program and its arguments
     * @return the image with the step added
     */
    public Image entrypoint(List<String> command) {
        return append("ENTRYPOINT [" + jsonArray(command) + "]");
    }

    /**
     * {@code CMD ["…", …]}: the default command.
     *
     * @param command the program and its arguments
     * @return the image with the step added
     */
    public Image cmd(List<String> command) {
        return append("CMD [" + jsonArray(command) + "]");
    }

    /**
     * Raw Dockerfile lines, with no context files.
     *
     * @param lines the lines, e.g. {@code List.of("RUN echo hi")}
     * @return the image with the lines added
     */
    public Image dockerfileCommands(List<String> lines) {
        return dockerfileCommands(lines, null);
    }

    /**
     * Raw Dockerfile lines; the sources of their {@code COPY} lines, relative to
     * {@code contextDirectory}, become contexts.
     *
     * @param lines the lines
     * @param contextDirectory the local directory {@code COPY} sources are relative to; null for none
     * @return the image with the lines added
     * @throws IllegalArgumentException if {@code contextDirectory} is not a directory
     */
    public Image dockerfileCommands(List<String> lines, Path contextDirectory) {
        Objects.requireNonNull(lines, "lines is null");
        if (contextDirectory != null && !Files.isDirectory(contextDirectory)) {
            throw new IllegalArgumentException("Context directory " + contextDirectory + " does not exist");
        }
        String text = String.join("\n", lines);
        List<Context> added = contextDirectory == null ? List.of() : copySources(text, contextDirectory.toAbsolutePath().normalize());
        List<Context> all = new ArrayList<>(contexts);
        all.addAll(added);
        return new Image(dockerfile + text + "\n", all);
    }

    /**
     * Returns the Dockerfile text.
     *
     * @return the Dockerfile, each step on its own line
     */
    public String dockerfile() {
        return dockerfile;
    }

    /**
     * Returns the local files and directories to upload as build contexts.
     *
     * @return the contexts, in the order the steps added them, unmodifiable
     */
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

    private static String pythonRelease(String version) {
        if (version == null) {
            return PYTHON_MICRO.getLast();
        }
        if (!PYTHON_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Invalid Python version: '" + version + "'; give a series such as 3.12 or a release such as 3.12.4");
        }
        String[] parts = version.split("\\.");
        String series = parts[0] + "." + parts[1].replaceAll("rc\\d*$", "");
        int index = SUPPORTED_PYTHON_SERIES.indexOf(series);
        if (index < 0) {
            throw new IllegalArgumentException("Unsupported Python version: '" + version + "'; Daytona supports the series "
                    + SUPPORTED_PYTHON_SERIES);
        }
        return parts.length > 2 ? version : PYTHON_MICRO.get(index);
    }

    private static JsonNode readPyproject(Path pyproject) {
        Objects.requireNonNull(pyproject, "pyproject is null");
        if (!Files.isRegularFile(pyproject)) {
            throw new IllegalArgumentException("pyproject.toml " + pyproject + " does not exist or is not a file");
        }
        try {
            return new TomlMapper().readTree(pyproject.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(pyproject + " is not valid TOML: " + e.getMessage(), e);
        }
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

    /** A local file as a context named by its absolute path without the root, as the official SDKs name it. */
    private static Context fileContext(Path path, String what) {
        Objects.requireNonNull(path, "path is null");
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + path + " does not exist or is not a file");
        }
        return new Context(file, ObjectStorage.computeArchiveBasePath(file));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    /**
     * Returns the Dockerfile text.
     *
     * @return the same as {@link #dockerfile()}
     */
    @Override
    public String toString() {
        return dockerfile;
    }
}
