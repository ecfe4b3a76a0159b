package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkItemHistoryContractTest extends OnBothEngines {

    final IdGenerator ids = new IdGenerator(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), new Random(7));
    JooqWorkItemRepository items;
    JooqWorkItemHistory history;

    @BeforeEach
    void repositories() {
        Fixtures.projects(db.database(), "BF", "OPS");
        items = new JooqWorkItemRepository(db.database());
        history = new JooqWorkItemHistory(db.database(), ids);
    }

    WorkItem stored(String title) {
        WorkItem item = WorkItem.create(
                new WorkItemId(ids.next()),
                new WorkItemKey(new ProjectKey("BF"), 1),
                title,
                "",
                WorkType.FEATURE,
                "manual",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW);
        items.insert(item);
        return item;
    }

    @Test
    void history_keeps_snapshots_of_every_field_in_order() {
        WorkItem item = stored("item");
        history.recordHistory(item, "record-history", "someone", Fixtures.NOW);
        history.recordHistory(item, "prepare-release", "someone else", Fixtures.NOW.plusSeconds(1));
        List<HistoryEntry> entries =
                history.history(item.id(), PageRequest.first(10)).items();
        assertEquals(
                List.of("record-history", "prepare-release"),
                entries.stream().map(HistoryEntry::reason).toList());
        assertEquals(
                List.of("someone", "someone else"),
                entries.stream().map(HistoryEntry::capturedBy).toList());
        assertTrue(
                entries.getFirst().snapshotJson().contains("\"title\":\"item\""),
                entries.getFirst().snapshotJson());
        assertTrue(
                entries.getFirst().snapshotJson().contains("\"key\":\"wi-BF-1\""),
                entries.getFirst().snapshotJson());
    }

    @Test
    void history_pages_by_cursor_and_keeps_items_apart() {
        WorkItem item = stored("paged");
        for (int i = 0; i < 7; i++) {
            history.recordHistory(item, "snapshot-" + i, "someone", Fixtures.NOW.plusSeconds(i));
        }
        List<HistoryEntry> all = new ArrayList<>();
        Page.drain(3, page -> history.history(item.id(), page), all::add);
        assertEquals(7, all.size());
        assertEquals("snapshot-6", all.getLast().reason());
        assertTrue(history.history(new WorkItemId(ids.next()), PageRequest.first(10))
                .items()
                .isEmpty());
    }
}
