package io.daytona.cli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses repeated {@code KEY=VALUE} flags ({@code --env}, {@code --label}); a malformed one is a usage error. */
public final class KeyValues {
    private KeyValues() {}

    public static Map<String, String> parse(CommandLine command, String flag, List<String> values) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(command, "Invalid " + flag + " '" + value + "': use KEY=VALUE");
            }
            parsed.put(value.substring(0, equals), value.substring(equals + 1));
        }
        return parsed;
    }
}
