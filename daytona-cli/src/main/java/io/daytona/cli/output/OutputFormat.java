package io.daytona.cli.output;

/** What {@code --format}/{@code -f} accepts; without it, commands print a table. */
public enum OutputFormat {
    json,
    yaml
}
