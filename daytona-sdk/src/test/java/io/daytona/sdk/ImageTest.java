package io.daytona.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {
    @TempDir
    Path temp;

    /** The expected text is what the official TypeScript SDK 0.190.1 writes for the same steps. */
    @Test
    void writesTheSameDockerfileAsTheOfficialSdk() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("B", "two words");
        env.put("A", "a$b");
        Image image = Image.debianSlim("3.12")
                .pipInstall(List.of("pandas", "numpy>=2", "x;y"), new Image.PipInstallOptions(List.of(), "https://x/simple", List.of(), true, null))
                .env(env)
                .workdir("/my app")
                .runCommands("echo hi")
                .entrypoint(List.of("sleep", "infinity"))
                .cmd(List.of("bash"));
        assertThat(image.dockerfile()).isEqualTo("""
                FROM python:3.12.10-slim-bookworm
                RUN apt-get update
                RUN apt-get install -y gcc gfortran build-essential
                RUN pip install --upgrade pip
                RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections
                RUN python -m pip install numpy\\>\\=2 pandas x\\;y --index-url https\\://x/simple --pre
                ENV B='two words'
                ENV A=a\\$b
                WORKDIR '/my app'
                RUN echo hi
                ENTRYPOINT ["sleep", "infinity"]
                CMD ["bash"]
                """);
        assertThat(image.contexts()).isEmpty();
    }

    /** Local paths are named inside the archive (and in COPY) by their absolute path without the root, as both official SDKs do. */
    @Test
    void localFilesAndDirectoriesBecomeContextsNamedByTheirPathWithoutTheRoot() throws Exception {
        Path file = Files.writeString(temp.resolve("data.txt"), "x");
        Path dir = Files.createDirectory(temp.resolve("src"));
        String fileInArchive = temp.toString().substring(1) + "/data.txt";
        String dirInArchive = temp.toString().substring(1) + "/src";
        Image image = Image.base("localhost/daytona/sandbox:0.1.0").addLocalFile(file, "/home/daytona/").addLocalDir(dir, "/app");
        assertThat(image.dockerfile()).isEqualTo("FROM localhost/daytona/sandbox:0.1.0\nCOPY " + fileInArchive
                + " /home/daytona/data.txt\nCOPY " + dirInArchive + " /app\n");
        assertThat(image.contexts()).containsExactly(new Image.Context(file, fileInArchive), new Image.Context(dir, dirInArchive));
        assertThat(ObjectStorage.computeArchiveBasePath(Path.of("/a/./b/../c.txt"))).isEqualTo("a/c.txt");
        assertThat(ObjectStorage.computeArchiveBasePath(Path.of("rel/x"))).isEqualTo("rel/x");
        assertThatThrownBy(() -> Image.base("x:1").addLocalFile(temp.resolve("missing"), "/x")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Image.base("x:1").addLocalDir(file, "/x")).hasMessageContaining("not a directory");
    }

    @Test
    void debianSlimTakesASeriesOrOneOfItsReleases() {
        assertThat(Image.debianSlim("3.11").dockerfile()).startsWith("FROM python:3.11.12-slim-bookworm\n");
        assertThat(Image.debianSlim("3.12.4").dockerfile()).startsWith("FROM python:3.12.4-slim-bookworm\n");
        assertThat(Image.debianSlim().dockerfile()).startsWith("FROM python:3.13.3-slim-bookworm\n");
        assertThatThrownBy(() -> Image.debianSlim("2.7")).hasMessageContaining("Invalid Python version");
        assertThatThrownBy(() -> Image.debianSlim("3.8")).hasMessageContaining("Unsupported Python version").hasMessageContaining("3.13");
    }

    @Test
    void pipInstallsPackagesARequirementsFileAndAPyprojectsDependencies() throws Exception {
        Path requirements = Files.writeString(temp.resolve("requirements.txt"), "requests\n");
        Path pyproject = Files.writeString(temp.resolve("pyproject.toml"), """
                [project]
                name = "demo"
                dependencies = ["requests>=2", "numpy"]

                [project.optional-dependencies]
                dev = ["pytest"]
                docs = ["sphinx"]
                """);
        Image image = Image.base("python:3.12-slim")
                .pipInstall("rich", "click")
                .pipInstall("torch")
                .pipInstall()
                .pipInstallFromRequirements(requirements, new Image.PipInstallOptions(List.of("https://x/links"), null, List.of(), false, "--no-cache-dir"))
                .pipInstallFromPyproject(pyproject, List.of("dev", "missing-group"));
        assertThat(image.dockerfile()).isEqualTo("FROM python:3.12-slim\n"
                + "RUN python -m pip install click rich\n"
                + "RUN python -m pip install torch\n"
                + "COPY " + temp.toString().substring(1) + "/requirements.txt /.requirements.txt\n"
                + "RUN python -m pip install -r /.requirements.txt --find-links https\\://x/links --no-cache-dir\n"
                + "RUN python -m pip install numpy pytest requests\\>\\=2\n");
        assertThat(image.contexts()).extracting(Image.Context::sourcePath).containsExactly(requirements);

        Path noProject = Files.writeString(temp.resolve("other.toml"), "[tool.x]\na = 1\n");
        assertThatThrownBy(() -> Image.base("x:1").pipInstallFromPyproject(noProject, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No [project] section");
        Path noDependencies = Files.writeString(temp.resolve("nodeps.toml"), "[project]\nname = \"x\"\n");
        assertThatThrownBy(() -> Image.base("x:1").pipInstallFromPyproject(noDependencies, List.of()))
                .hasMessageContaining("No [project.dependencies] section");
        Path broken = Files.writeString(temp.resolve("broken.toml"), "[project\n");
        assertThatThrownBy(() -> Image.base("x:1").pipInstallFromPyproject(broken, List.of())).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> Image.base("x:1").pipInstallFromRequirements(temp.resolve("nope.txt")))
                .hasMessageContaining("Requirements file").hasMessageContaining("does not exist");
    }

    /** A command given as its arguments is written as the Python SDK writes it: each double-quoted, quotes escaped. */
    @Test
    void runCommandQuotesEachArgumentAndDockerfileCommandsAreWrittenAsGiven() throws Exception {
        Files.writeString(temp.resolve("app.py"), "print(1)");
        Image image = Image.base("alpine:3.20")
                .runCommands("echo one", "echo two")
                .runCommand(List.of("bash", "-c", "echo \"hi\" it's"))
                .dockerfileCommands(List.of("RUN echo raw", "COPY app.py /app/"), temp)
                .dockerfileCommands(List.of("USER daytona"));
        assertThat(image.dockerfile()).isEqualTo("""
                FROM alpine:3.20
                RUN echo one
                RUN echo two
                RUN "bash" "-c" "echo \\"hi\\" it\\'s"
                RUN echo raw
                COPY app.py /app/
                USER daytona
                """);
        assertThat(image.contexts()).containsExactly(new Image.Context(temp.resolve("app.py"), "app.py"));
        assertThatThrownBy(() -> Image.base("x:1").runCommand(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Image.base("x:1").dockerfileCommands(List.of("RUN x"), temp.resolve("nope")))
                .hasMessageContaining("Context directory");
    }

    @Test
    void aDockerfilesCopySourcesAreItsContexts() throws Exception {
        Files.writeString(temp.resolve("app.py"), "print(1)");
        Path dockerfile = Files.writeString(temp.resolve("Dockerfile"),
                "FROM python:3.12-slim\nCOPY --chown=1000:1000 app.py /app/app.py\nCOPY --from=builder /x /y\n");
        Image image = Image.fromDockerfile(dockerfile);
        assertThat(image.contexts()).containsExactly(new Image.Context(temp.resolve("app.py"), "app.py"));
        assertThat(image.dockerfile()).isEqualTo(Files.readString(dockerfile));
    }

    @Test
    void explicitContextsReplaceTheOnesFoundInCopyLines() throws Exception {
        Path build = Files.createDirectories(temp.resolve("explicit/build"));
        Path data = Files.createDirectories(build.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "a");
        Path outside = Files.writeString(temp.resolve("explicit/outside.txt"), "o");
        Path dockerfile = Files.writeString(build.resolve("Dockerfile"), "FROM base:1\nCOPY data/a.txt /a\nCOPY other /o\n");
        Files.writeString(build.resolve("other"), "x");

        assertThat(Image.fromDockerfile(dockerfile, List.of()).contexts()).extracting(Image.Context::archivePath)
                .containsExactly("data/a.txt", "other");
        Image image = Image.fromDockerfile(dockerfile, List.of(data, outside));
        assertThat(image.dockerfile()).isEqualTo("FROM base:1\nCOPY data/a.txt /a\nCOPY other /o\n");
        assertThat(image.contexts()).containsExactly(new Image.Context(data, "data"),
                new Image.Context(outside, ObjectStorage.computeArchiveBasePath(outside)));
        assertThatThrownBy(() -> Image.fromDockerfile(dockerfile, List.of(build.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }
}
