package io.daytona.cli.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.CreateBuildInfo;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.PortPreviewUrl;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.GitCloneOptions;
import io.daytona.sdk.Sandbox;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The MCP server's tools, as the Daytona docs list them (names of the upstream server): sandbox
 * create and destroy, file upload, download, folder, info, list, move and delete, preview link,
 * git clone and command execution. Each runs through the Java SDK; a failure is a tool result
 * with {@code isError} and the SDK's message, so the agent sees what to fix.
 */
final class DaytonaTools {
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");

    private final Daytona daytona;
    private final McpLog log;
    private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    DaytonaTools(Daytona daytona, McpLog log) {
        this.daytona = Objects.requireNonNull(daytona, "daytona is null");
        this.log = Objects.requireNonNull(log, "log is null");
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(tool("create_sandbox", "Create a new sandbox with Daytona. Returns the new sandbox's ID, which every other tool takes as id.",
                new ToolSchema()
                        .string("name", "Name of the sandbox.")
                        .string("target", "Target region of the sandbox.")
                        .string("snapshot", "Snapshot for the sandbox (don't specify any if not explicitly instructed from user).")
                        .integer("auto_stop_interval", "Auto-stop interval in minutes (0 disables).", "15")
                        .integer("auto_archive_interval", "Auto-archive interval in minutes (0 means the maximum interval will be used).", "10080")
                        .integer("auto_delete_interval", "Auto-delete interval in minutes (negative value means disabled, 0 means delete immediately upon stopping).", "-1")
                        .any("volumes", "Volumes to attach to the sandbox: [{\"volumeId\": \"<volume name or ID>\", \"mountPath\": \"/home/daytona/data\"}].",
                                Map.of("type", "array", "items", Map.of("type", "object",
                                        "properties", Map.of("volumeId", Map.of("type", "string"), "mountPath", Map.of("type", "string"),
                                                "subpath", Map.of("type", "string")),
                                        "required", List.of("volumeId", "mountPath"))))
                        .bool("network_block_all", "Whether to block all network access for the sandbox.")
                        .string("network_allow_list", "Comma-separated list of allowed CIDR network addresses for the sandbox.")
                        .bool("public", "Whether the sandbox http preview is publicly accessible.")
                        .integer("cpu", "CPU cores allocated to the sandbox.")
                        .integer("gpu", "GPU units allocated to the sandbox.")
                        .integer("memory", "Memory allocated to the sandbox in GB.")
                        .integer("disk", "Disk space allocated to the sandbox in GB.")
                        .string("user", "User associated with the sandbox.")
                        .any("build_info", "Build information for the sandbox: {\"dockerfileContent\": \"FROM ...\", \"contextHashes\": []}.",
                                Map.of("type", "object"))
                        .object("env", "Environment variables for the sandbox.")
                        .object("labels", "Labels for the sandbox."),
                this::createSandbox));
        tools.add(tool("destroy_sandbox", "Destroy a sandbox with Daytona.",
                new ToolSchema().string("id", "ID of the sandbox to destroy.").required("id"), this::destroySandbox));
        tools.add(tool("upload_file", "Upload a file to the Daytona sandbox from text or base64-encoded binary content. Creates necessary parent "
                        + "directories automatically. Files should be uploaded to /tmp if the user doesn't specify otherwise.",
                new ToolSchema()
                        .string("id", "ID of the sandbox to upload the file to.")
                        .string("file_path", "Path to the file to upload.")
                        .string("content", "Content of the file to upload.")
                        .string("encoding", "Encoding of the content: text or base64.", "text")
                        .bool("overwrite", "Overwrite the file if it already exists (default false).")
                        .required("id", "file_path", "content"),
                this::uploadFile));
        tools.add(tool("download_file", "Download a file from the Daytona sandbox. Returns the content as text, or as a base64 encoded image for images.",
                new ToolSchema().string("id", "ID of the sandbox to download the file from.").string("file_path", "Path to the file.")
                        .required("id", "file_path"),
                this::downloadFile));
        tools.add(tool("create_folder", "Create a new folder in the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to create the folder in.").string("folder_path", "Path to create.")
                        .string("mode", "Directory permissions.", "0755").required("id", "folder_path"),
                this::createFolder));
        tools.add(tool("get_file_info", "Get information about a file in the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to get the file information from.").string("file_path", "Path to the file.")
                        .required("id", "file_path"),
                this::getFileInfo));
        tools.add(tool("list_files", "List files in a directory in the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to list the files from.")
                        .string("path", "Directory path (defaults to the sandbox's working directory).").required("id"),
                this::listFiles));
        tools.add(tool("move_file", "Move or rename a file in the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to move the file in.").string("source_path", "Source location.")
                        .string("dest_path", "Destination location.").required("id", "source_path", "dest_path"),
                this::moveFile));
        tools.add(tool("delete_file", "Delete a file or directory in the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to delete the file in.").string("file_path", "Path to delete.")
                        .required("id", "file_path"),
                this::deleteFile));
        tools.add(tool("preview_link", "Generate accessible preview URLs for web applications running in the Daytona sandbox. Validates if a "
                        + "server is actually running on the specified port and provides diagnostic information for troubleshooting.",
                new ToolSchema().string("id", "ID of the sandbox to preview the link from.").integer("port", "Port to expose.")
                        .string("description", "Description of the service.")
                        .bool("check_server", "Check if a server is running on the port.").required("id", "port"),
                this::previewLink));
        tools.add(tool("git_clone", "Clone a Git repository into the Daytona sandbox.",
                new ToolSchema().string("id", "ID of the sandbox to clone the repository in.").string("url", "Repository URL.")
                        .string("path", "Target directory (defaults to the repository's name in the working directory).")
                        .string("branch", "Branch to clone.").string("commit_id", "Specific commit to clone.")
                        .string("username", "Git username.").string("password", "Git password.").required("id", "url"),
                this::gitClone));
        tools.add(tool("execute_command", "Execute shell commands in the Daytona sandbox. Returns stdout, stderr and the exit code. "
                        + "Commands run with the sandbox user's permissions.",
                new ToolSchema().string("id", "ID of the sandbox to execute the command in.").string("command", "Command to execute.")
                        .required("id", "command"),
                this::executeCommand));
        return tools;
    }

    private SyncToolSpecification tool(String name, String description, ToolSchema schema, Function<Arguments, CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema.build()).build();
        return new SyncToolSpecification(tool, (exchange, request) -> call(name, handler, request));
    }

    private CallToolResult call(String name, Function<Arguments, CallToolResult> handler, McpSchema.CallToolRequest request) {
        log.info("tool " + name + " called");
        try {
            CallToolResult result = handler.apply(new Arguments(request.arguments()));
            log.info("tool " + name + (Boolean.TRUE.equals(result.isError()) ? " failed" : " done"));
            return result;
        } catch (DaytonaException | IllegalArgumentException | java.io.UncheckedIOException e) {
            log.info("tool " + name + " failed: " + e.getMessage());
            return error(e.getMessage());
        }
    }

    private CallToolResult createSandbox(Arguments args) {
        CreateSandbox.Builder params = CreateSandbox.builder();
        args.string("name").ifPresent(params::name);
        args.string("target").ifPresent(params::target);
        args.string("snapshot").ifPresent(params::snapshot);
        args.string("user").ifPresent(params::user);
        args.integer("auto_stop_interval").ifPresent(params::autoStopInterval);
        args.integer("auto_archive_interval").ifPresent(params::autoArchiveInterval);
        args.integer("auto_delete_interval").ifPresent(params::autoDeleteInterval);
        args.bool("network_block_all").ifPresent(params::networkBlockAll);
        args.string("network_allow_list").ifPresent(params::networkAllowList);
        args.bool("public").ifPresent(params::isPublic);
        args.integer("cpu").ifPresent(params::cpu);
        args.integer("gpu").ifPresent(params::gpu);
        args.integer("memory").ifPresent(params::memory);
        args.integer("disk").ifPresent(params::disk);
        args.raw("env").map(value -> stringMap("env", value)).ifPresent(params::env);
        args.raw("labels").map(value -> stringMap("labels", value)).ifPresent(params::labels);
        args.raw("build_info").map(value -> json.convertValue(value, CreateBuildInfo.class)).ifPresent(params::buildInfo);
        args.raw("volumes").map(this::volumes).ifPresent(params::volumes);
        Sandbox sandbox = daytona.create(params.build(), CREATE_TIMEOUT);
        return text("Created new sandbox " + sandbox.getId() + " (name " + sandbox.getName() + ", state " + sandbox.getState().wireValue() + ")");
    }

    private List<SandboxVolume> volumes(Object value) {
        if (!(value instanceof List<?> entries)) {
            throw new IllegalArgumentException("volumes must be a list of {\"volumeId\", \"mountPath\"}");
        }
        List<SandboxVolume> volumes = new ArrayList<>();
        for (Object entry : entries) {
            SandboxVolume volume = json.convertValue(entry, SandboxVolume.class);
            if (volume.volumeId() == null || volume.mountPath() == null) {
                throw new IllegalArgumentException("each volume needs volumeId and mountPath, got " + entry);
            }
            String id;
            try {
                id = daytona.volume().get(volume.volumeId()).id();
            } catch (DaytonaNotFoundException e) {
                id = volume.volumeId();
            }
            volumes.add(new SandboxVolume(id, volume.mountPath(), volume.subpath()));
        }
        return volumes;
    }

    private static Map<String, String> stringMap(String name, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(name + " must be an object of strings");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, entry) -> strings.put(String.valueOf(key), entry == null ? "" : String.valueOf(entry)));
        return strings;
    }

    private CallToolResult destroySandbox(Arguments args) {
        Sandbox sandbox = sandbox(args);
        sandbox.delete();
        return text("Destroyed sandbox " + sandbox.getId());
    }

    private CallToolResult uploadFile(Arguments args) {
        Sandbox sandbox = sandbox(args);
        String path = args.requiredString("file_path");
        String content = args.raw("content").map(Object::toString).orElseThrow(() -> new IllegalArgumentException("content is required"));
        String encoding = args.string("encoding").orElse("text").toLowerCase(Locale.ROOT);
        byte[] bytes = switch (encoding) {
            case "text", "utf-8", "utf8" -> content.getBytes(StandardCharsets.UTF_8);
            case "base64" -> decodeBase64(content);
            default -> throw new IllegalArgumentException("encoding must be text or base64, got '" + encoding + "'");
        };
        if (!args.bool("overwrite").orElse(false) && exists(sandbox, path)) {
            return error("File " + path + " already exists; pass overwrite: true to replace it");
        }
        sandbox.getFs().uploadFile(bytes, path);
        return text("Uploaded " + bytes.length + " bytes to " + path);
    }

    private static byte[] decodeBase64(String content) {
        try {
            return Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content is not valid base64: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Sandbox sandbox, String path) {
        try {
            sandbox.getFs().getFileDetails(path);
            return true;
        } catch (DaytonaNotFoundException e) {
            return false;
        }
    }

    private CallToolResult downloadFile(Arguments args) {
        String path = args.requiredString("file_path");
        byte[] bytes = sandbox(args).getFs().downloadFile(path);
        String extension = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String imageType = IMAGE_TYPES.get(extension);
        if (imageType != null) {
            return CallToolResult.builder().addContent(new McpSchema.ImageContent(null, Base64.getEncoder().encodeToString(bytes), imageType))
                    .isError(false).build();
        }
        try {
            return text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return text("Binary file of " + bytes.length + " bytes, base64 encoded:\n" + Base64.getEncoder().encodeToString(bytes));
        }
    }

    private CallToolResult createFolder(Arguments args) {
        String path = args.requiredString("folder_path");
        String mode = args.string("mode").orElse("0755");
        sandbox(args).getFs().createFolder(path, mode);
        return text("Created folder " + path + " (mode " + mode + ")");
    }

    private CallToolResult getFileInfo(Arguments args) {
        return jsonText(sandbox(args).getFs().getFileDetails(args.requiredString("file_path")));
    }

    private CallToolResult listFiles(Arguments args) {
        Sandbox sandbox = sandbox(args);
        String path = args.string("path").orElseGet(sandbox::getWorkDir);
        return jsonText(sandbox.getFs().listFiles(path));
    }

    private CallToolResult moveFile(Arguments args) {
        String source = args.requiredString("source_path");
        String destination = args.requiredString("dest_path");
        sandbox(args).getFs().moveFiles(source, destination);
        return text("Moved " + source + " to " + destination);
    }

    private CallToolResult deleteFile(Arguments args) {
        String path = args.requiredString("file_path");
        sandbox(args).getFs().deleteFile(path, true);
        return text("Deleted " + path);
    }

    /**
     * The preview URL of a port; with {@code check_server}, first asks inside the sandbox (curl to
     * localhost) whether anything answers HTTP there, and if not, which processes mention the port.
     */
    private CallToolResult previewLink(Arguments args) {
        Sandbox sandbox = sandbox(args);
        int port = args.integer("port").orElseThrow(() -> new IllegalArgumentException("port is required"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
        String status = null;
        if (args.bool("check_server").orElse(false)) {
            ExecuteResponse check = sandbox.getProcess().executeCommand(
                    "curl -s -o /dev/null -w '%{http_code}' --max-time 3 http://localhost:" + port + " || true");
            status = check.result() == null ? "" : check.result().strip();
            if (status.isEmpty() || status.startsWith("000")) {
                ExecuteResponse processes = sandbox.getProcess().executeCommand(
                        "ps aux | grep -v grep | grep -- ':" + port + "' || echo 'No process found'");
                return error("No server detected on port " + port + ". Process info: " + processes.result().strip());
            }
        }
        PortPreviewUrl link = sandbox.getPreviewLink(port);
        StringBuilder text = new StringBuilder("Preview link generated: ").append(link.url());
        args.string("description").ifPresent(description -> text.append("\nService: ").append(description));
        if (status != null) {
            text.append("\nServer check: HTTP ").append(status).append(" on port ").append(port);
        }
        if (!sandbox.isPublic() && link.token() != null) {
            text.append("\nThe sandbox is private: send the header X-Daytona-Preview-Token: ").append(link.token());
        }
        return text(text.toString());
    }

    private CallToolResult gitClone(Arguments args) {
        String url = args.requiredString("url");
        String path = args.string("path").orElseGet(() -> repositoryName(url));
        GitCloneOptions.Builder options = GitCloneOptions.builder();
        args.string("branch").ifPresent(options::branch);
        args.string("commit_id").ifPresent(options::commitId);
        args.string("username").ifPresent(username -> options.credentials(username, args.string("password").orElse("")));
        sandbox(args).getGit().clone(url, path, options.build());
        return text("Cloned " + url + " into " + path);
    }

    static String repositoryName(String url) {
        String trimmed = url.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    /** The toolbox combines the two streams: stdout carries it all and stderr is empty. */
    private CallToolResult executeCommand(Arguments args) {
        String command = args.requiredString("command").strip();
        ExecuteResponse response = sandbox(args).getProcess().executeCommand(command);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stdout", response.result() == null ? "" : response.result().strip());
        result.put("stderr", "");
        result.put("exit_code", response.exitCode());
        return jsonText(result);
    }

    private Sandbox sandbox(Arguments args) {
        return daytona.get(args.requiredString("id"));
    }

    private CallToolResult jsonText(Object value) {
        try {
            return text(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the result as JSON", e);
        }
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
