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
        assertThat(Image.debianSlim().dockerfile()).startsWith("FROM python:3.13.3-slim-bookworm\n");
    }

    @Test
    void localFilesAndDirectoriesBecomeContexts() throws Exception {
        Path file = Files.writeString(temp.resolve("data.txt"), "x");
        Path dir = Files.createDirectory(temp.resolve("src"));
        Image image = Image.base("localhost/daytona/sandbox:0.1.0").addLocalFile(file, "/home/daytona/").addLocalDir(dir, "/app");
        assertThat(image.dockerfile()).isEqualTo("FROM localhost/daytona/sandbox:0.1.0\nCOPY " + file + " /home/daytona/data.txt\nCOPY "
                + dir + " /app\n");
        assertThat(image.contexts()).containsExactly(new Image.Context(file, file.toString()), new Image.Context(dir, dir.toString()));
        assertThatThrownBy(() -> Image.base("x:1").addLocalFile(temp.resolve("missing"), "/x")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Image.debianSlim("2.7")).hasMessageContaining("pythonVersion");
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
}
