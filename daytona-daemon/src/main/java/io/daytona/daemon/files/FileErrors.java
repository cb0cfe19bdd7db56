package io.daytona.daemon.files;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Maps what the operating system said about a file to the status the caller gets: missing is 404,
 * refused is 403 (the daemon acts as the sandbox user, so this is what that user may not do),
 * existing is 409, anything else about the path is 400.
 */
final class FileErrors {
    private FileErrors() {}

    static ServiceException translate(IOException failure, Path path) {
        return new ServiceException(code(failure), message(failure, path.toString()), failure);
    }

    static ErrorCode code(IOException failure) {
        return switch (failure) {
            case NoSuchFileException ignored -> ErrorCode.NOT_FOUND;
            case AccessDeniedException ignored -> ErrorCode.FORBIDDEN;
            case FileAlreadyExistsException ignored -> ErrorCode.CONFLICT;
            case NotDirectoryException ignored -> ErrorCode.BAD_REQUEST;
            case DirectoryNotEmptyException ignored -> ErrorCode.BAD_REQUEST;
            case FileSystemException system -> codeForReason(system.getReason());
            default -> ErrorCode.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * A one-line explanation in the words of the C library, e.g. {@code Permission denied: /root},
     * naming the file the system named, which may be another than the one asked about (a parent).
     */
    static String message(IOException failure, String fallbackFile) {
        String file = failure instanceof FileSystemException system && system.getFile() != null ? system.getFile() : fallbackFile;
        return switch (failure) {
            case NoSuchFileException ignored -> "No such file or directory: " + file;
            case AccessDeniedException ignored -> "Permission denied: " + file + " (the toolbox acts as the sandbox user)";
            case FileAlreadyExistsException ignored -> "File exists: " + file;
            case NotDirectoryException ignored -> "Not a directory: " + file;
            case DirectoryNotEmptyException ignored -> "Directory not empty: " + file;
            case FileSystemException system when system.getReason() != null -> system.getReason() + ": " + file;
            default -> failure.getClass().getSimpleName() + " on " + file + ": " + failure.getMessage();
        };
    }

    private static ErrorCode codeForReason(String reason) {
        if (reason == null) {
            return ErrorCode.BAD_REQUEST;
        }
        return switch (reason) {
            // EPERM and EROFS: the sandbox user may not do this here, like EACCES.
            case "Operation not permitted", "Read-only file system" -> ErrorCode.FORBIDDEN;
            case "No such file or directory" -> ErrorCode.NOT_FOUND;
            case "File exists" -> ErrorCode.CONFLICT;
            case "No space left on device", "Input/output error", "Disk quota exceeded" -> ErrorCode.INTERNAL_SERVER_ERROR;
            default -> ErrorCode.BAD_REQUEST;
        };
    }
}
