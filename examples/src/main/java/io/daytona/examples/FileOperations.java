package io.daytona.examples;

import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.Match;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.FileUpload;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Files in a sandbox: a folder, uploads, a listing, a content search, a replacement and a download,
 * as the documentation's file system page shows them.
 */
public final class FileOperations {
    private FileOperations() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns a report of what was done, ending with the downloaded file's content. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            String project = sandbox.getWorkDir() + "/project";
            sandbox.getFs().createFolder(project, "755");
            sandbox.getFs().uploadFiles(List.of(
                    FileUpload.of("print('hello')\n# TODO: greet by name\n".getBytes(StandardCharsets.UTF_8), project + "/main.py"),
                    FileUpload.of("{\"name\": \"demo\"}\n".getBytes(StandardCharsets.UTF_8), project + "/config.json")));

            List<FileInfo> files = sandbox.getFs().listFiles(project);
            List<Match> todos = sandbox.getFs().findFiles(project, "TODO");
            sandbox.getFs().replaceInFiles(List.of(project + "/main.py"), "hello", "hello, world");
            String main = new String(sandbox.getFs().downloadFile(project + "/main.py"), StandardCharsets.UTF_8);

            return "files: " + files.stream().map(FileInfo::name).sorted().collect(Collectors.joining(", ")) + "\n"
                    + "TODOs: " + todos.stream().map(m -> m.file() + ":" + m.line()).collect(Collectors.joining(", ")) + "\n"
                    + main;
        } finally {
            sandbox.delete();
        }
    }
}
