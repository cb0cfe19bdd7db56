package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import io.daytona.model.toolbox.files.FileInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.util.Map;

/** Describes files as {@link FileInfo}, from the same {@code stat(2)} fields the Go daemon reports. */
final class FileInfoReader {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";

    private final ZoneId zone;

    FileInfoReader(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone is null");
    }

    /** Describes {@code path}, following a symbolic link to what it points at, as {@code os.Stat} does. */
    FileInfo describe(Path path, String name) throws IOException {
        return describe(Files.readAttributes(path, ATTRIBUTES), name);
    }

    /** Describes {@code path} itself, even when it is a symbolic link. */
    FileInfo describeLink(Path path, String name) throws IOException {
        return describe(Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS), name);
    }

    private FileInfo describe(Map<String, Object> attributes, String name) {
        int mode = (Integer) attributes.get("mode");
        FileTime modified = (FileTime) attributes.get("lastModifiedTime");
        return new FileInfo(
                name,
                (Long) attributes.get("size"),
                GoFileMode.format(mode),
                GoTime.string(modified.toInstant(), zone),
                GoTime.rfc3339Nano(modified.toInstant(), zone),
                GoFileMode.isDirectory(mode),
                Integer.toUnsignedString((Integer) attributes.get("uid")),
                Integer.toUnsignedString((Integer) attributes.get("gid")),
                GoFileMode.permissions(mode));
    }
}
