package io.daytona.daemon.process;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether Python source imports matplotlib, and so needs its charts captured. A false positive
 * only costs the capture wrapper's start-up, a false negative loses the charts: the patterns are
 * generous.
 */
final class MatplotlibImports {
    private static final List<Pattern> IMPORTS = List.of(
            // import matplotlib.pyplot as plt / import numpy as np, matplotlib
            Pattern.compile("\\bimport\\s+[^;]*\\bmatplotlib\\b"),
            Pattern.compile("\\bfrom\\s+matplotlib\\b"),
            Pattern.compile("\\b__import__\\(\\s*[rbu]?['\"]matplotlib\\b"),
            // importlib.import_module('matplotlib.pyplot'), also when imported under another name
            Pattern.compile("\\bimport_module\\(\\s*[rbu]?['\"]matplotlib\\b"));

    private MatplotlibImports() {}

    static boolean in(String source) {
        return source.lines()
                .map(MatplotlibImports::withoutComment)
                .anyMatch(line -> IMPORTS.stream().anyMatch(pattern -> pattern.matcher(line).find()));
    }

    /** The line up to a {@code #} that starts a comment, not one inside a string literal. */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
