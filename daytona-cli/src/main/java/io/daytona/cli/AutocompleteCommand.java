package io.daytona.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona autocomplete [bash|zsh|fish|powershell]}: prints a completion script for the
 * whole command tree. Bash and zsh get picocli's generated script (zsh runs it through
 * {@code bashcompinit}); fish and PowerShell get a script generated here from the same tree.
 */
@Command(name = "autocomplete", mixinStandardHelpOptions = true,
        description = {"Print a completion script for your shell, e.g.",
                "  source <(daytona autocomplete bash)            (in ~/.bashrc; needs bash-completion)",
                "  source <(daytona autocomplete zsh)             (in ~/.zshrc)",
                "  daytona autocomplete fish > ~/.config/fish/completions/daytona.fish",
                "  daytona autocomplete powershell | Out-String | Invoke-Expression   (in $PROFILE)"})
public final class AutocompleteCommand implements Runnable {
    /** The shells a script can be made for. */
    public enum Shell { bash, zsh, fish, powershell }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash, zsh, fish or powershell (default: ${DEFAULT-VALUE}).")
    Shell shell;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        String name = spec.root().name();
        String script = switch (shell) {
            case bash -> AutoComplete.bash(name, root);
            case zsh -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash(name, root);
            case fish -> fish(name, root);
            case powershell -> powershell(name, root);
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }

    /** One {@code complete} line per subcommand and option, each applying after its parent's path. */
    static String fish(String name, CommandLine root) {
        StringBuilder script = new StringBuilder("# daytona completions for fish\ncomplete -c " + name + " -f\n");
        fishLevel(script, name, root, List.of());
        return script.toString();
    }

    private static void fishLevel(StringBuilder script, String name, CommandLine command, List<String> path) {
        String condition = path.isEmpty() ? "__fish_use_subcommand"
                : "__fish_seen_subcommand_from " + path.getLast();
        List<String> siblings = new ArrayList<>(command.getSubcommands().keySet());
        for (var entry : command.getSubcommands().entrySet()) {
            String guard = path.isEmpty() ? condition
                    : condition + "; and not __fish_seen_subcommand_from " + String.join(" ", siblings);
            script.append("complete -c ").append(name).append(" -n '").append(guard).append("' -a ")
                    .append(entry.getKey()).append(" -d ").append(quote(first(entry.getValue().getCommandSpec().usageMessage().description())))
                    .append('\n');
        }
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (path.isEmpty()) {
                continue;
            }
            script.append("complete -c ").append(name).append(" -n '__fish_seen_subcommand_from ").append(path.getLast()).append("'");
            for (String optionName : option.names()) {
                script.append(optionName.startsWith("--") ? " -l " + optionName.substring(2) : " -s " + optionName.substring(1));
            }
            if (option.arity().max() > 0) {
                script.append(" -r");
            }
            script.append(" -d ").append(quote(first(option.description()))).append('\n');
        }
        for (var entry : command.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(entry.getKey());
            fishLevel(script, name, entry.getValue(), next);
        }
    }

    /** A {@code Register-ArgumentCompleter} that completes the subcommands and options of the path typed so far. */
    static String powershell(String name, CommandLine root) {
        StringBuilder table = new StringBuilder();
        powershellLevel(table, root, "");
        return "# daytona completions for PowerShell\n"
                + "$daytonaCompletions = @{\n" + table + "}\n"
                + "Register-ArgumentCompleter -Native -CommandName '" + name + "' -ScriptBlock {\n"
                + "    param($wordToComplete, $commandAst, $cursorPosition)\n"
                + "    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() } | Where-Object { $_ -notlike '-*' -and $_ -ne $wordToComplete })\n"
                + "    $path = ($words -join ' ')\n"
                + "    while ($path -ne '' -and -not $daytonaCompletions.ContainsKey($path)) { $path = ($path -split ' ' | Select-Object -SkipLast 1) -join ' ' }\n"
                + "    $daytonaCompletions[$path] | Where-Object { $_ -like \"$wordToComplete*\" } |\n"
                + "        ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }\n"
                + "}\n";
    }

    private static void powershellLevel(StringBuilder table, CommandLine command, String path) {
        List<String> words = new ArrayList<>(command.getSubcommands().keySet());
        command.getCommandSpec().options().forEach(option -> words.addAll(List.of(option.names())));
        table.append("    '").append(path).append("' = @(")
                .append(String.join(", ", words.stream().map(word -> "'" + word + "'").toList())).append(")\n");
        command.getSubcommands().forEach((sub, subCommand) -> powershellLevel(table, subCommand, path.isEmpty() ? sub : path + " " + sub));
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replace("${DEFAULT-VALUE}", "").strip();
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
