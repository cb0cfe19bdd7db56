package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Filters, orders and pages of the sandbox lists ({@code GET /api/sandbox} with a cursor and
 * {@code GET /api/sandbox/paginated} with page numbers), applied to an organization's live
 * sandboxes. Every order ends with the id, so it is total and a cursor marks one exact place.
 */
final class SandboxListing {
    private SandboxListing() {}

    /** What a sort key is, which says how a cursor writes and reads it back. */
    private enum KeyKind { TEXT, NUMBER, TIME }

    /** A field to order by, as the API names it. */
    enum SortField {
        ID("id", KeyKind.TEXT, SandboxRecord::id),
        NAME("name", KeyKind.TEXT, SandboxRecord::name),
        STATE("state", KeyKind.TEXT, s -> SandboxViews.shownState(s).wireValue()),
        SNAPSHOT("snapshot", KeyKind.TEXT, SandboxRecord::snapshot),
        REGION("region", KeyKind.TEXT, SandboxRecord::region),
        CPU("cpu", KeyKind.NUMBER, SandboxRecord::cpu),
        MEMORY("memoryGiB", KeyKind.NUMBER, SandboxRecord::memory),
        DISK("diskGiB", KeyKind.NUMBER, SandboxRecord::disk),
        UPDATED_AT("updatedAt", KeyKind.TIME, SandboxRecord::updatedAt),
        CREATED_AT("createdAt", KeyKind.TIME, SandboxRecord::createdAt),
        LAST_ACTIVITY_AT("lastActivityAt", KeyKind.TIME, SandboxRecord::lastActivityAt);

        /** What the cursor list {@code GET /api/sandbox} may sort by. */
        static final Set<SortField> CURSOR_LIST = EnumSet.of(NAME, CPU, MEMORY, DISK, LAST_ACTIVITY_AT, CREATED_AT);
        /** What the page list {@code GET /api/sandbox/paginated} may sort by. */
        static final Set<SortField> PAGE_LIST = EnumSet.of(ID, NAME, STATE, SNAPSHOT, REGION, UPDATED_AT, CREATED_AT, LAST_ACTIVITY_AT);

        private final String wireName;
        private final KeyKind kind;
        private final Function<SandboxRecord, Comparable<?>> key;

        SortField(String wireName, KeyKind kind, Function<SandboxRecord, Comparable<?>> key) {
            this.wireName = wireName;
            this.kind = kind;
            this.key = key;
        }

        String wireName() {
            return wireName;
        }

        /**
         * The field named {@code value}, among {@code allowed}. Case is ignored, so the reference's
         * {@code memoryGib} and {@code diskGib} match too.
         */
        static SortField parse(String value, Set<SortField> allowed) {
            return allowed.stream()
                    .filter(field -> field.wireName.equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(() -> ServiceException.badRequest("sort must be one of %s, got '%s'",
                            allowed.stream().map(SortField::wireName).collect(Collectors.joining(", ")), value));
        }

        Comparable<?> keyOf(SandboxRecord sandbox) {
            return key.apply(sandbox);
        }

        String format(Comparable<?> value) {
            return value.toString();
        }

        Comparable<?> parseKey(String text) {
            return switch (kind) {
                case TEXT -> text;
                case NUMBER -> Integer.parseInt(text);
                case TIME -> Instant.parse(text);
            };
        }
    }

    /** The direction of an order. */
    enum Direction {
        ASC, DESC;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Direction parse(String value) {
            return Arrays.stream(values())
                    .filter(direction -> direction.wireName().equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(() -> ServiceException.badRequest("order must be asc or desc, got '%s'", value));
        }
    }

    /**
     * An order: by a field, then by id, both in one direction.
     *
     * @param field the field to order by
     * @param direction ascending or descending
     */
    record Sort(SortField field, Direction direction) {
        static final Sort NEWEST_FIRST = new Sort(SortField.CREATED_AT, Direction.DESC);

        Sort {
            requireNonNull(field, "field is null");
            requireNonNull(direction, "direction is null");
        }

        /** Where {@code sandbox} falls relative to a position in this order: below 0 before it, above 0 after it. */
        int compare(SandboxRecord sandbox, Position position) {
            int byKey = compareKeys(field.keyOf(sandbox), position.key());
            int result = byKey != 0 ? byKey : sandbox.id().compareTo(position.id());
            return direction == Direction.ASC ? result : -result;
        }

        Comparator<SandboxRecord> comparator() {
            return (a, b) -> compare(a, new Position(field.keyOf(b), b.id()));
        }

        /** Text ignores case first, as people read names, then falls back to the exact characters. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compareKeys(Comparable a, Comparable b) {
            if (a instanceof String text && b instanceof String other) {
                int ignoringCase = String.CASE_INSENSITIVE_ORDER.compare(text, other);
                return ignoringCase != 0 ? ignoringCase : text.compareTo(other);
            }
            return a.compareTo(b);
        }
    }

    /**
     * A place in an order: the sort key and id of the last sandbox of a page. Sandboxes created,
     * deleted or changed meanwhile do not shift it, unlike an offset.
     *
     * @param key the sort key of the last sandbox returned
     * @param id the id of the last sandbox returned
     */
    record Position(Comparable<?> key, String id) {
        Position {
            requireNonNull(key, "key is null");
            requireNonNull(id, "id is null");
        }

        static Position of(Sort sort, SandboxRecord sandbox) {
            return new Position(sort.field().keyOf(sandbox), sandbox.id());
        }
    }

    /**
     * An inclusive range of whole numbers; {@link #ANY} holds every value.
     *
     * @param min the least value kept
     * @param max the greatest value kept
     */
    record IntRange(int min, int max) {
        static final IntRange ANY = new IntRange(Integer.MIN_VALUE, Integer.MAX_VALUE);

        boolean contains(int value) {
            return value >= min && value <= max;
        }
    }

    /**
     * An inclusive range of instants; {@link #ANY} holds every instant.
     *
     * @param from the earliest instant kept
     * @param to the latest instant kept
     */
    record TimeRange(Instant from, Instant to) {
        static final TimeRange ANY = new TimeRange(Instant.MIN, Instant.MAX);

        TimeRange {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }

        boolean contains(Instant value) {
            return value != null && !value.isBefore(from) && !value.isAfter(to);
        }
    }

    /**
     * What a list keeps: every given condition must hold. Prefixes ignore case; an empty set or
     * an absent flag keeps everything.
     *
     * @param idPrefix the id starts with this, if not empty
     * @param namePrefix the name starts with this, if not empty
     * @param labels every one of these labels is set to this value
     * @param states the shown state is one of these, if any are given
     * @param snapshots the snapshot is one of these, if any are given
     * @param regions the region is one of these, if any are given
     * @param cpu the range of CPU cores
     * @param memory the range of memory, GiB
     * @param disk the range of disk, GiB
     * @param isPublic whether the sandbox is public, if given
     * @param recoverable whether the sandbox is recoverable, if given
     * @param createdAt when it was created
     * @param lastActivity when it was last active
     */
    record Filter(String idPrefix, String namePrefix, Map<String, String> labels, Set<SandboxState> states, Set<String> snapshots,
                  Set<String> regions, IntRange cpu, IntRange memory, IntRange disk, Optional<Boolean> isPublic,
                  Optional<Boolean> recoverable, TimeRange createdAt, TimeRange lastActivity) {
        static final Filter ALL = of("", "", Map.of(), Set.of());

        Filter {
            requireNonNull(idPrefix, "idPrefix is null");
            requireNonNull(namePrefix, "namePrefix is null");
            labels = Map.copyOf(labels);
            states = Set.copyOf(states);
            snapshots = Set.copyOf(snapshots);
            regions = Set.copyOf(regions);
            requireNonNull(cpu, "cpu is null");
            requireNonNull(memory, "memory is null");
            requireNonNull(disk, "disk is null");
            requireNonNull(isPublic, "isPublic is null");
            requireNonNull(recoverable, "recoverable is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(lastActivity, "lastActivity is null");
        }

        /** A filter on identity, labels and state only. */
        static Filter of(String idPrefix, String namePrefix, Map<String, String> labels, Set<SandboxState> states) {
            return new Filter(idPrefix, namePrefix, labels, states, Set.of(), Set.of(), IntRange.ANY, IntRange.ANY, IntRange.ANY,
                    Optional.empty(), Optional.empty(), TimeRange.ANY, TimeRange.ANY);
        }

        boolean matches(SandboxRecord sandbox) {
            return startsWithIgnoringCase(sandbox.id(), idPrefix)
                    && startsWithIgnoringCase(sandbox.name(), namePrefix)
                    && sandbox.labels().entrySet().containsAll(labels.entrySet())
                    && (states.isEmpty() || states.contains(SandboxViews.shownState(sandbox)))
                    && (snapshots.isEmpty() || snapshots.contains(sandbox.snapshot()))
                    && (regions.isEmpty() || regions.contains(sandbox.region()))
                    && cpu.contains(sandbox.cpu())
                    && memory.contains(sandbox.memory())
                    && disk.contains(sandbox.disk())
                    && isPublic.map(wanted -> wanted == sandbox.isPublic()).orElse(true)
                    && recoverable.map(wanted -> wanted == sandbox.recoverable()).orElse(true)
                    && createdAt.contains(sandbox.createdAt())
                    && lastActivity.contains(sandbox.lastActivityAt());
        }

        private static boolean startsWithIgnoringCase(String value, String prefix) {
            return value.regionMatches(true, 0, prefix, 0, prefix.length());
        }
    }

    /**
     * One page of the cursor list.
     *
     * @param items the sandboxes of the page
     * @param next where the next page starts; null on the last page
     */
    record CursorPage(List<SandboxRecord> items, Position next) {
        CursorPage {
            items = List.copyOf(items);
        }
    }

    /**
     * One page of the page list.
     *
     * @param items the sandboxes of the page
     * @param total how many sandboxes match in all
     * @param totalPages how many pages of this size there are
     */
    record NumberedPage(List<SandboxRecord> items, int total, int totalPages) {
        NumberedPage {
            items = List.copyOf(items);
        }
    }

    /** The matching sandboxes after {@code after} (from the start if null), at most {@code limit} of them. */
    static CursorPage cursorPage(List<SandboxRecord> sandboxes, Filter filter, Sort sort, Position after, int limit) {
        List<SandboxRecord> following = sandboxes.stream()
                .filter(filter::matches)
                .filter(s -> after == null || sort.compare(s, after) > 0)
                .sorted(sort.comparator())
                .toList();
        if (following.size() <= limit) {
            return new CursorPage(following, null);
        }
        List<SandboxRecord> page = following.subList(0, limit);
        return new CursorPage(page, Position.of(sort, page.getLast()));
    }

    /** Page {@code page} (from 1) of the matching sandboxes, {@code limit} per page. */
    static NumberedPage numberedPage(List<SandboxRecord> sandboxes, Filter filter, Sort sort, int page, int limit) {
        List<SandboxRecord> matching = sandboxes.stream().filter(filter::matches).sorted(sort.comparator()).toList();
        long from = (long) (page - 1) * limit;
        List<SandboxRecord> items = from >= matching.size()
                ? List.of()
                : matching.subList((int) from, (int) Math.min(from + limit, matching.size()));
        int totalPages = (matching.size() + limit - 1) / limit;
        return new NumberedPage(items, matching.size(), totalPages);
    }

    /** Parses a state name of a {@code states} filter. */
    static SandboxState parseState(String value) {
        return Arrays.stream(SandboxState.values())
                .filter(state -> state.wireValue().equals(value))
                .findFirst()
                .orElseThrow(() -> ServiceException.badRequest("states has an unknown state '%s'; use values such as started, stopped, error",
                        value));
    }

    /** Parses a cursor's key for {@code field}; malformed input is the caller's error. */
    static Comparable<?> parseKey(SortField field, String text) {
        try {
            return field.parseKey(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad " + field.wireName() + " key: " + text, e);
        }
    }
}
