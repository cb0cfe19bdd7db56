package io.daytona.daemon.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a tree the way Go's {@code filepath.Walk} does, so find and search return what the upstream
 * daemon returns: the root first, then each directory's entries in lexical order, depth first,
 * without following symbolic links, skipping what cannot be read. Unlike Go, a root that is a
 * symbolic link is followed (as {@code find -H} does), and a root that is missing or unreadable
 * is an error rather than an empty result.
 */
final class TreeWalk {
    /** Called for the root and every entry under it. */
    @FunctionalInterface
    interface Visitor {
        void visit(Path path, String display, BasicFileAttributes attributes) throws IOException;
    }

    private TreeWalk() {}

    /**
     * Walks from {@code root}, naming each entry as {@code filepath.Join(displayRoot, relative)}.
     *
     * @throws io.daytona.http.ServiceException if the root cannot be read; failures below it are skipped
     * @throws IOException if the visitor fails
     */
    static void walk(Path root, String displayRoot, Visitor visitor) throws IOException {
        BasicFileAttributes attributes;
        List<Path> children;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class);
            children = attributes.isDirectory() ? children(root) : List.of();
        } catch (IOException e) {
            throw FileErrors.translate(e, root);
        }
        visitor.visit(root, displayRoot, attributes);
        for (Path child : children) {
            walkBelow(child, displayRoot, root, visitor);
        }
    }

    private static void walkBelow(Path path, String displayRoot, Path root, Visitor visitor) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException vanished) {
            return;
        }
        visitor.visit(path, SandboxPaths.join(displayRoot, root.relativize(path)), attributes);
        if (!attributes.isDirectory()) {
            return;
        }
        List<Path> children;
        try {
            children = children(path);
        } catch (IOException unreadable) {
            return;
        }
        for (Path child : children) {
            walkBelow(child, displayRoot, root, visitor);
        }
    }

    private static List<Path> children(Path directory) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(children::add);
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        return children;
    }
}
