package io.daytona.daemon;

import io.daytona.daemon.computeruse.ComputerUseEndpoints;
import io.daytona.daemon.computeruse.DesktopConfig;
import io.daytona.daemon.files.FileEndpoints;
import io.daytona.daemon.forward.PortForward;
import io.daytona.daemon.git.GitEndpoints;
import io.daytona.daemon.interpreter.InterpreterEndpoints;
import io.daytona.daemon.lsp.LanguageServers;
import io.daytona.daemon.lsp.LspEndpoints;
import io.daytona.daemon.port.PortEndpoints;
import io.daytona.daemon.process.CodeRunner;
import io.daytona.daemon.process.CommandRunner;
import io.daytona.daemon.process.Entrypoint;
import io.daytona.daemon.process.ProcessEndpoints;
import io.daytona.daemon.pty.PtyEndpoints;
import io.daytona.daemon.pty.WebTerminal;
import io.daytona.daemon.session.SessionEndpoints;
import io.daytona.daemon.session.SessionManager;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import org.eclipse.jetty.server.Handler;
import io.daytona.model.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the toolbox API inside a sandbox. Arguments after {@code --} are the image's own
 * entrypoint, which the daemon runs in the background so the image behaves as it would alone.
 */
public final class DaemonMain {
    private DaemonMain() {}

    public static void main(String[] args) throws Exception {
        DaemonConfig config = DaemonConfig.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.dir")));
        var mapper = Json.newMapper();
        Clock clock = Clock.systemUTC();
        Router router = new Router(mapper);
        new InfoEndpoints(config).register(router);
        CommandRunner commandRunner = new CommandRunner(config.workDir());
        CodeRunner codeRunner = new CodeRunner(commandRunner, Path.of(System.getProperty("java.io.tmpdir")),
                CodeRunner.onPath(System.getenv("PATH")), mapper);
        new ProcessEndpoints(commandRunner, codeRunner).register(router);
        new PortEndpoints(config.port()).register(router);
        new FileEndpoints(config.workDir(), mapper).register(router);
        new GitEndpoints(config.workDir(), mapper).register(router);
        new SessionEndpoints(new SessionManager(config.homeDir().resolve(".daytona/sessions"), config.workDir())).register(router);
        new PtyEndpoints(config.workDir(), clock).register(router);
        new InterpreterEndpoints(config.workDir(), clock, mapper).register(router);
        LanguageServers languageServers = LanguageServers.fromPath(System.getenv("PATH"), mapper);
        new LspEndpoints(languageServers, config.workDir()).register(router);
        new ComputerUseEndpoints(DesktopConfig.fromEnvironment(System.getenv(), config.homeDir()), clock, mapper).register(router);
        HttpServer server = HttpServer.start("daemon", "0.0.0.0", config.port(),
                new Handler.Sequence(new PortForward(config.port(), mapper), router), mapper);
        HttpServer terminal = new WebTerminal(config.workDir(), clock, mapper).start(WebTerminal.PORT);
        List<String> entrypoint = entrypointArguments(args);
        if (!entrypoint.isEmpty()) {
            Entrypoint.start(entrypoint, config.homeDir());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            languageServers.close();
            try {
                terminal.close();
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        server.jetty().join();
    }

    static List<String> entrypointArguments(String[] args) {
        int separator = Arrays.asList(args).indexOf("--");
        return separator < 0 ? List.of() : List.of(args).subList(separator + 1, args.length);
    }
}
