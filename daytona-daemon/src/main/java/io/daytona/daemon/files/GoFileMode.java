package io.daytona.daemon.files;

/**
 * Renders a Unix {@code st_mode} the way Go's {@code os.FileMode.String()} does, because the
 * upstream daemon sends that string and SDK users compare against it: {@code -rw-r--r--},
 * {@code drwxr-xr-x}, {@code dtrwxrwxrwx} for {@code /tmp}, {@code Dcrw-rw-rw-} for {@code /dev/null}.
 */
final class GoFileMode {
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int SYMLINK = 0120000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int DIRECTORY = 0040000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int FIFO = 0010000;
    private static final int SET_UID = 04000;
    private static final int SET_GID = 02000;
    private static final int STICKY = 01000;
    private static final String PERMISSION_LETTERS = "rwxrwxrwx";

    private GoFileMode() {}

    static String format(int unixMode) {
        StringBuilder text = new StringBuilder(12);
        // Go prints its type and special bits in the fixed order of "dalTLDpSugct?".
        int type = unixMode & TYPE_MASK;
        appendIf(text, type == DIRECTORY, 'd');
        appendIf(text, type == SYMLINK, 'L');
        appendIf(text, type == BLOCK_DEVICE || type == CHARACTER_DEVICE, 'D');
        appendIf(text, type == FIFO, 'p');
        appendIf(text, type == SOCKET, 'S');
        appendIf(text, (unixMode & SET_UID) != 0, 'u');
        appendIf(text, (unixMode & SET_GID) != 0, 'g');
        appendIf(text, type == CHARACTER_DEVICE, 'c');
        appendIf(text, (unixMode & STICKY) != 0, 't');
        if (text.isEmpty()) {
            text.append('-');
        }
        for (int bit = 0; bit < 9; bit++) {
            boolean set = (unixMode & (0400 >> bit)) != 0;
            text.append(set ? PERMISSION_LETTERS.charAt(bit) : '-');
        }
        return text.toString();
    }

    /** The permission bits only, as Go's {@code fmt.Sprintf("%04o", mode.Perm())} prints them. */
    static String permissions(int unixMode) {
        return "%04o".formatted(unixMode & 0777);
    }

    static boolean isDirectory(int unixMode) {
        return (unixMode & TYPE_MASK) == DIRECTORY;
    }

    private static void appendIf(StringBuilder text, boolean condition, char letter) {
        if (condition) {
            text.append(letter);
        }
    }
}
