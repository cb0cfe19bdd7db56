package io.daytona.daemon.files;

import io.daytona.http.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * A new owner or group for a file, given as upstream accepts it: a numeric id first, else a name
 * looked up in the sandbox's own user database ({@code /etc/passwd}, {@code /etc/group}).
 */
sealed interface Principal {
    void applyTo(Path path) throws IOException;

    static Principal user(Path path, String value) {
        if (isNumeric(value)) {
            return new ById("unix:uid", parseId(value, "owner"));
        }
        try {
            return new User(lookup(path).lookupPrincipalByName(value));
        } catch (UserPrincipalNotFoundException e) {
            throw ServiceException.badRequest("owner '%s' is not a user in the sandbox: give a user name from /etc/passwd or a numeric uid", value);
        } catch (IOException e) {
            throw ServiceException.badRequest("could not look up user '%s': %s", value, e.getMessage());
        }
    }

    static Principal group(Path path, String value) {
        if (isNumeric(value)) {
            return new ById("unix:gid", parseId(value, "group"));
        }
        try {
            return new Group(lookup(path).lookupPrincipalByGroupName(value));
        } catch (UserPrincipalNotFoundException e) {
            throw ServiceException.badRequest("group '%s' is not a group in the sandbox: give a group name from /etc/group or a numeric gid", value);
        } catch (IOException e) {
            throw ServiceException.badRequest("could not look up group '%s': %s", value, e.getMessage());
        }
    }

    private static boolean isNumeric(String value) {
        return value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static UserPrincipalLookupService lookup(Path path) {
        return path.getFileSystem().getUserPrincipalLookupService();
    }

    private static int parseId(String value, String parameter) {
        long id = Long.parseLong(value);
        if (id > 0xFFFF_FFFEL) {
            throw ServiceException.badRequest("%s id %s is out of range", parameter, value);
        }
        return (int) id;
    }

    /** A numeric uid or gid, set through the {@code unix} attribute view. */
    record ById(String attribute, int id) implements Principal {
        @Override
        public void applyTo(Path path) throws IOException {
            Files.setAttribute(path, attribute, id);
        }
    }

    /** A user found by name. */
    record User(UserPrincipal user) implements Principal {
        @Override
        public void applyTo(Path path) throws IOException {
            Files.setOwner(path, user);
        }
    }

    /** A group found by name. */
    record Group(GroupPrincipal group) implements Principal {
        @Override
        public void applyTo(Path path) throws IOException {
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
        }
    }
}
