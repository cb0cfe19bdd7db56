package io.daytona.daemon.files;

import java.util.regex.Pattern;

/**
 * A file-name pattern with the syntax of Go's {@code filepath.Match}, which the upstream search
 * uses: {@code *} any run of characters, {@code ?} one character, {@code [a-z]} and {@code [^a-z]}
 * classes, {@code \} escapes the next character. Braces and {@code **} have no special meaning.
 * Compiled to a regular expression once, then matched against each name.
 */
final class NamePattern {
    private final Pattern regex;

    private NamePattern(Pattern regex) {
        this.regex = regex;
    }

    /**
     * Compiles {@code glob}.
     *
     * @throws IllegalArgumentException if it is malformed (Go's {@code ErrBadPattern}), saying where
     */
    static NamePattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            int c = glob.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> i = appendClass(glob, i, regex);
                case '\\' -> {
                    if (i >= glob.length()) {
                        throw bad(glob, "ends with an unfinished escape \\");
                    }
                    int escaped = glob.codePointAt(i);
                    i += Character.charCount(escaped);
                    appendLiteral(regex, escaped);
                }
                default -> appendLiteral(regex, c);
            }
        }
        return new NamePattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** Translates the class starting after {@code [}; returns the index after its {@code ]}. */
    private static int appendClass(String glob, int start, StringBuilder regex) {
        int i = start;
        boolean negated = i < glob.length() && glob.charAt(i) == '^';
        if (negated) {
            i++;
        }
        StringBuilder ranges = new StringBuilder();
        int count = 0;
        while (true) {
            if (i >= glob.length()) {
                throw bad(glob, "has a [ without its closing ]");
            }
            if (glob.charAt(i) == ']' && count > 0) {
                i++;
                break;
            }
            int[] low = classChar(glob, i);
            i = low[1];
            int high = low[0];
            if (i < glob.length() && glob.charAt(i) == '-') {
                int[] end = classChar(glob, i + 1);
                high = end[0];
                i = end[1];
            }
            count++;
            // Go accepts an inverted range such as [z-a]; it just never matches.
            if (low[0] <= high) {
                ranges.append("\\x{").append(Integer.toHexString(low[0])).append("}-\\x{").append(Integer.toHexString(high)).append('}');
            }
        }
        if (ranges.isEmpty()) {
            regex.append(negated ? "[^/]" : "(?!)");
        } else {
            regex.append(negated ? "[^/" : "[").append(ranges).append(']');
        }
        return i;
    }

    /** One character of a class, possibly escaped: {code point, next index}. */
    private static int[] classChar(String glob, int i) {
        if (i >= glob.length()) {
            throw bad(glob, "has a [ without its closing ]");
        }
        int c = glob.codePointAt(i);
        if (c == '-' || c == ']') {
            throw bad(glob, "has an unescaped '" + (char) c + "' inside [ ]; escape it as \\" + (char) c);
        }
        if (c == '\\') {
            i++;
            if (i >= glob.length()) {
                throw bad(glob, "ends with an unfinished escape \\");
            }
            c = glob.codePointAt(i);
        }
        return new int[] {c, i + Character.charCount(c)};
    }

    private static void appendLiteral(StringBuilder regex, int codePoint) {
        regex.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
    }

    private static IllegalArgumentException bad(String glob, String problem) {
        return new IllegalArgumentException("pattern '" + glob + "' " + problem);
    }
}
