package io.daytona.daemon.files;

import io.daytona.http.ServiceException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A permission mode given as octal digits, as {@code chmod} takes it: {@code 755}, {@code 0644},
 * {@code 1777}. Special bits (setuid, setgid, sticky) are kept where the operation supports them.
 *
 * @param bits the mode, at most {@code 07777}
 */
record OctalMode(int bits) {
    private static final Pattern OCTAL = Pattern.compile("0*[0-7]{1,4}");
    private static final PosixFilePermission[] BY_BIT = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    static final OctalMode DIRECTORY_DEFAULT = new OctalMode(0755);

    OctalMode {
        if (bits < 0 || bits > 07777) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(bits));
        }
    }

    static OctalMode parse(String text, String parameter) {
        if (text == null || !OCTAL.matcher(text).matches()) {
            throw ServiceException.badRequest(
                    "%s must be an octal mode of up to four digits such as 755 or 0644, got '%s'", parameter, text);
        }
        return new OctalMode(Integer.parseInt(text, 8));
    }

    /** The read, write and execute bits; the special bits have no {@link PosixFilePermission}. */
    Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((bits & (1 << bit)) != 0) {
                permissions.add(BY_BIT[bit]);
            }
        }
        return permissions;
    }
}
