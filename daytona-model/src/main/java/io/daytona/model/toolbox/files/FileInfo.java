package io.daytona.model.toolbox.files;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A file or directory as {@code GET /files} and {@code GET /files/info} describe it. Every field
 * is always present: the generated SDK models reject a missing one.
 *
 * @param name the last element of the path, e.g. {@code notes.txt}
 * @param size the size in bytes
 * @param mode the Go {@code FileMode} string, e.g. {@code -rw-r--r--} or {@code drwxr-xr-x}
 * @param modTime the modification time in Go's {@code time.String} format (deprecated upstream, still sent)
 * @param modifiedAt the modification time in RFC 3339 with nanoseconds
 * @param isDir whether it is a directory
 * @param owner the owner's numeric uid, as a string
 * @param group the group's numeric gid, as a string
 * @param permissions the permission bits as four octal digits, e.g. {@code 0644}
 */
@JsonPropertyOrder({"name", "size", "mode", "modTime", "modifiedAt", "isDir", "owner", "group", "permissions"})
public record FileInfo(
        String name,
        long size,
        String mode,
        String modTime,
        String modifiedAt,
        @JsonProperty("isDir") boolean isDir,
        String owner,
        String group,
        String permissions) {
    public FileInfo {
        requireNonNull(name, "name is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(modTime, "modTime is null");
        requireNonNull(modifiedAt, "modifiedAt is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(group, "group is null");
        requireNonNull(permissions, "permissions is null");
    }
}
