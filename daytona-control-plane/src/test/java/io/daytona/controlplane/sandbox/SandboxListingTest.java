package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxListingTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SandboxRecord alpha = sandbox("a1", "alpha", 2, T0.plusSeconds(1), SandboxState.STARTED, Map.of("env", "dev"));
    private final SandboxRecord beta = sandbox("b2", "Beta", 1, T0.plusSeconds(2), SandboxState.STOPPED, Map.of("env", "prod"));
    private final SandboxRecord gamma = sandbox("c3", "gamma", 4, T0.plusSeconds(3), SandboxState.STARTED, Map.of("env", "dev", "team", "x"));
    private final SandboxRecord delta = sandbox("a4", "alpine", 2, T0.plusSeconds(4), SandboxState.ERROR, Map.of());
    private final List<SandboxRecord> all = List.of(alpha, beta, gamma, delta);

    @Test
    void filtersByIdAndNamePrefixIgnoringCase() {
        assertThat(ids(filter("A", "", Map.of(), Set.of()))).containsExactlyInAnyOrder("a1", "a4");
        assertThat(ids(filter("", "AL", Map.of(), Set.of()))).containsExactlyInAnyOrder("a1", "a4");
        assertThat(ids(filter("", "beta", Map.of(), Set.of()))).containsExactly("b2");
        assertThat(ids(filter("zz", "", Map.of(), Set.of()))).isEmpty();
    }

    @Test
    void filtersByEveryLabelGivenAndByShownState() {
        assertThat(ids(filter("", "", Map.of("env", "dev"), Set.of()))).containsExactlyInAnyOrder("a1", "c3");
        assertThat(ids(filter("", "", Map.of("env", "dev", "team", "x"), Set.of()))).containsExactly("c3");
        assertThat(ids(filter("", "", Map.of(), Set.of(SandboxState.STOPPED, SandboxState.ERROR)))).containsExactlyInAnyOrder("b2", "a4");
        SandboxRecord stopping = sandbox("s5", "s", 1, T0, SandboxState.STARTED, Map.of());
        stopping = withDesired(stopping, SandboxDesiredState.STOPPED);
        assertThat(SandboxListing.Filter.of("", "", Map.of(), Set.of(SandboxState.STOPPING)).matches(stopping)).isTrue();
        assertThat(SandboxListing.Filter.of("", "", Map.of(), Set.of(SandboxState.STARTED)).matches(stopping)).isFalse();
    }

    @Test
    void filtersByResourcesSnapshotRegionVisibilityAndTime() {
        SandboxListing.Filter base = SandboxListing.Filter.ALL;
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of(), Set.of(), new SandboxListing.IntRange(2, 3),
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.empty(), Optional.empty(), SandboxListing.TimeRange.ANY,
                SandboxListing.TimeRange.ANY))).containsExactlyInAnyOrder("a1", "a4");
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of("image:1"), Set.of("us"), SandboxListing.IntRange.ANY,
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.of(false), Optional.of(false),
                new SandboxListing.TimeRange(T0.plusSeconds(2), T0.plusSeconds(3)), SandboxListing.TimeRange.ANY)))
                .as("inclusive time range").containsExactlyInAnyOrder("b2", "c3");
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of("other:1"), Set.of(), SandboxListing.IntRange.ANY,
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.empty(), Optional.empty(), SandboxListing.TimeRange.ANY,
                SandboxListing.TimeRange.ANY))).isEmpty();
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of(), Set.of("eu"), SandboxListing.IntRange.ANY,
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.empty(), Optional.empty(), SandboxListing.TimeRange.ANY,
                SandboxListing.TimeRange.ANY))).isEmpty();
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of(), Set.of(), SandboxListing.IntRange.ANY,
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.of(true), Optional.empty(), SandboxListing.TimeRange.ANY,
                SandboxListing.TimeRange.ANY))).as("none is public").isEmpty();
        assertThat(ids(new SandboxListing.Filter("", "", Map.of(), Set.of(), Set.of(), Set.of(), SandboxListing.IntRange.ANY,
                SandboxListing.IntRange.ANY, SandboxListing.IntRange.ANY, Optional.empty(), Optional.empty(), SandboxListing.TimeRange.ANY,
                new SandboxListing.TimeRange(Instant.MIN, T0.plusSeconds(1))))).containsExactly("a1");
        assertThat(ids(base)).hasSize(4);
    }

    @Test
    void sortsByTheFieldThenTheIdInTheDirectionAsked() {
        assertThat(page(sort(SandboxListing.SortField.CREATED_AT, SandboxListing.Direction.DESC))).containsExactly("a4", "c3", "b2", "a1");
        assertThat(page(sort(SandboxListing.SortField.NAME, SandboxListing.Direction.ASC))).as("names ignore case")
                .containsExactly("a1", "a4", "b2", "c3");
        assertThat(page(sort(SandboxListing.SortField.CPU, SandboxListing.Direction.ASC))).as("ties ordered by id")
                .containsExactly("b2", "a1", "a4", "c3");
        assertThat(page(sort(SandboxListing.SortField.CPU, SandboxListing.Direction.DESC))).containsExactly("c3", "a4", "a1", "b2");
        assertThat(page(sort(SandboxListing.SortField.STATE, SandboxListing.Direction.ASC))).containsExactly("a4", "a1", "c3", "b2");
    }

    @Test
    void aCursorWalksEverySandboxOnceEvenWhenSandboxesAreAddedAndRemovedMeanwhile() {
        SandboxListing.Sort sort = sort(SandboxListing.SortField.CPU, SandboxListing.Direction.ASC);
        List<SandboxRecord> sandboxes = new ArrayList<>(all);
        SandboxListing.CursorPage first = SandboxListing.cursorPage(sandboxes, SandboxListing.Filter.ALL, sort, null, 2);
        assertThat(first.items()).extracting(SandboxRecord::id).containsExactly("b2", "a1");
        String cursor = ListCursor.encode(JSON, sort, first.next());

        // Between pages: one already seen is deleted, and one sorting before the cursor is created.
        sandboxes.remove(beta);
        sandboxes.add(sandbox("a0", "new", 1, T0, SandboxState.STARTED, Map.of()));
        SandboxListing.CursorPage second = SandboxListing.cursorPage(sandboxes, SandboxListing.Filter.ALL, sort,
                ListCursor.decode(JSON, cursor, sort), 2);
        assertThat(second.items()).extracting(SandboxRecord::id).containsExactly("a4", "c3");
        assertThat(second.next()).as("the last page has no next cursor").isNull();
    }

    @Test
    void aCursorOfTheTimeSortRoundTrips() {
        SandboxListing.Sort sort = SandboxListing.Sort.NEWEST_FIRST;
        SandboxListing.CursorPage first = SandboxListing.cursorPage(all, SandboxListing.Filter.ALL, sort, null, 3);
        assertThat(first.items()).extracting(SandboxRecord::id).containsExactly("a4", "c3", "b2");
        SandboxListing.Position next = ListCursor.decode(JSON, ListCursor.encode(JSON, sort, first.next()), sort);
        assertThat(SandboxListing.cursorPage(all, SandboxListing.Filter.ALL, sort, next, 3).items())
                .extracting(SandboxRecord::id).containsExactly("a1");
    }

    @Test
    void refusesACursorOfAnotherOrderOrOneThatIsNotACursor() {
        SandboxListing.Sort byName = sort(SandboxListing.SortField.NAME, SandboxListing.Direction.ASC);
        String cursor = ListCursor.encode(JSON, byName, SandboxListing.Position.of(byName, alpha));
        assertThatThrownBy(() -> ListCursor.decode(JSON, cursor, SandboxListing.Sort.NEWEST_FIRST))
                .isInstanceOf(ServiceException.class).hasMessageContaining("sorted by name asc");
        assertThatThrownBy(() -> ListCursor.decode(JSON, "not a cursor!", byName))
                .isInstanceOf(ServiceException.class).hasMessageContaining("cursor 'not a cursor!' is invalid");
        assertThatThrownBy(() -> ListCursor.decode(JSON, "bzoxMA", byName)).isInstanceOf(ServiceException.class);
    }

    @Test
    void numbersPagesAndCountsThem() {
        SandboxListing.Sort sort = sort(SandboxListing.SortField.ID, SandboxListing.Direction.ASC);
        SandboxListing.NumberedPage second = SandboxListing.numberedPage(all, SandboxListing.Filter.ALL, sort, 2, 3);
        assertThat(second.items()).extracting(SandboxRecord::id).containsExactly("c3");
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.totalPages()).isEqualTo(2);
        assertThat(SandboxListing.numberedPage(all, SandboxListing.Filter.ALL, sort, 3, 3).items()).isEmpty();
        SandboxListing.NumberedPage none = SandboxListing.numberedPage(List.of(), SandboxListing.Filter.ALL, sort, 1, 10);
        assertThat(List.of(none.total(), none.totalPages())).containsExactly(0, 0);
    }

    @Test
    void parsesSortFieldsOfEachListAndSaysWhatIsAllowed() {
        assertThat(SandboxListing.SortField.parse("memoryGib", SandboxListing.SortField.CURSOR_LIST)).isEqualTo(SandboxListing.SortField.MEMORY);
        assertThat(SandboxListing.SortField.parse("diskGiB", SandboxListing.SortField.CURSOR_LIST)).isEqualTo(SandboxListing.SortField.DISK);
        assertThat(SandboxListing.SortField.parse("state", SandboxListing.SortField.PAGE_LIST)).isEqualTo(SandboxListing.SortField.STATE);
        assertThatThrownBy(() -> SandboxListing.SortField.parse("state", SandboxListing.SortField.CURSOR_LIST))
                .isInstanceOf(ServiceException.class).hasMessageContaining("sort must be one of").hasMessageContaining("lastActivityAt");
        assertThatThrownBy(() -> SandboxListing.Direction.parse("up")).hasMessageContaining("order must be asc or desc");
        assertThatThrownBy(() -> SandboxListing.parseState("running")).hasMessageContaining("unknown state 'running'");
    }

    private List<String> ids(SandboxListing.Filter filter) {
        return all.stream().filter(filter::matches).map(SandboxRecord::id).toList();
    }

    private static SandboxListing.Filter filter(String id, String name, Map<String, String> labels, Set<SandboxState> states) {
        return SandboxListing.Filter.of(id, name, labels, states);
    }

    private static SandboxListing.Sort sort(SandboxListing.SortField field, SandboxListing.Direction direction) {
        return new SandboxListing.Sort(field, direction);
    }

    private List<String> page(SandboxListing.Sort sort) {
        return SandboxListing.cursorPage(all, SandboxListing.Filter.ALL, sort, null, 100).items().stream().map(SandboxRecord::id).toList();
    }

    private static SandboxRecord sandbox(String id, String name, int cpu, Instant created, SandboxState state, Map<String, String> labels) {
        return new SandboxRecord(id, "org", name, "image:1", "daytona", Map.of(), labels, false, false, null, "us", cpu, 0, 1, 3,
                state, state == SandboxState.ERROR ? SandboxDesiredState.STARTED : SandboxDesiredState.fromWire(
                        state == SandboxState.STOPPED ? "stopped" : "started"),
                null, false, 15, 10080, -1, null, null, "token", created, created, created, false);
    }

    private static SandboxRecord withDesired(SandboxRecord s, SandboxDesiredState desired) {
        return new SandboxRecord(s.id(), s.organizationId(), s.name(), s.snapshot(), s.user(), s.env(), s.labels(), s.isPublic(),
                s.networkBlockAll(), s.networkAllowList(), s.region(), s.cpu(), s.gpu(), s.memory(), s.disk(), s.state(), desired,
                s.errorReason(), s.recoverable(), s.autoStopInterval(), s.autoArchiveInterval(), s.autoDeleteInterval(), s.runnerId(),
                s.daemonVersion(), s.authToken(), s.createdAt(), s.updatedAt(), s.lastActivityAt(), s.forceStop());
    }
}
