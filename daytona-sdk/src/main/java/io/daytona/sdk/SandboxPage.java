package io.daytona.sdk;

import java.util.List;
import java.util.Objects;

/**
 * One page of sandboxes, from {@link Daytona#list(java.util.Map, int, int)}.
 *
 * @param items the sandboxes of this page
 * @param total how many sandboxes match, over all pages
 * @param page this page's number, from 1
 * @param totalPages how many pages there are
 */
public record SandboxPage(List<Sandbox> items, int total, int page, int totalPages) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param items the sandboxes of this page
     * @param total how many sandboxes match, over all pages
     * @param page this page's number, from 1
     * @param totalPages how many pages there are
     */
    public SandboxPage {
        items = List.copyOf(Objects.requireNonNull(items, "items is null"));
    }
}
