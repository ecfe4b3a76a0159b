package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkItemRepositoryContractTest extends OnBothEngines {

    static final ProjectKey BF = new ProjectKey("BF");
    static final ProjectKey OPS = new ProjectKey("OPS");

    final IdGenerator ids = new IdGenerator(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), new Random(5));
    JooqWorkItemRepository items;

    @BeforeEach
    void repository() {
        Fixtures.projects(db.database(), "BF", "OPS");
        items = new JooqWorkItemRepository(db.database());
    }

    WorkItem stored(ProjectKey project, String title, WorkType type, List<WorkItemId> dependencies) {
        WorkItem item = WorkItem.create(
                new WorkItemId(ids.next()),
                new WorkItemKey(project, db.database().transaction(() -> items.nextNumber(project, Fixtures.NOW))),
                title,
                "about " + title,
                type,
                "manual",
                Optional.of("bf/" + title),
                Optional.of("./validate.sh"),
                Optional.of(new PullRequest("https://example.com/pr/1", PullRequest.State.OPEN)),
                List.of(new DoneCriterion("tests pass", false)),
                Optional.of(new PromptContext("./p.md", "text")),
                dependencies,
                Fixtures.NOW);
        items.insert(item);
        return item;
    }

    @Test
    void numbers_count_up_per_project() {
        assertEquals(
                List.of(1L, 2L, 1L, 3L),
                List.of(
                        db.database().transaction(() -> items.nextNumber(BF, Fixtures.NOW)),
                        db.database().transaction(() -> items.nextNumber(BF, Fixtures.NOW)),
                        db.database().transaction(() -> items.nextNumber(OPS, Fixtures.NOW)),
                        db.database().transaction(() -> items.nextNumber(BF, Fixtures.NOW))));
    }

    @Test
    void an_item_reads_back_whole_by_id_and_by_key_with_its_dependencies() {
        WorkItem first = stored(BF, "first", WorkType.FEATURE, List.of());
        WorkItem second = stored(BF, "second", WorkType.BUG, List.of(first.id()));
        assertEquals(Optional.of(second), items.findById(second.id()));
        assertEquals(Optional.of(second), items.findByKey(second.key()));
        assertTrue(items.findByKey(new WorkItemKey(BF, 99)).isEmpty());
        assertEquals(Map.of(first.id(), Lane.BACKLOG), items.lanesOf(List.of(first.id())));
    }

    @Test
    void an_update_moves_the_version_on_replaces_dependencies_and_a_stale_one_is_a_conflict() {
        WorkItem dependency = stored(BF, "dependency", WorkType.CHORE, List.of());
        WorkItem item = stored(BF, "item", WorkType.FEATURE, List.of(dependency.id()));
        WorkItem edited = item.edit(
                "renamed",
                "new words",
                WorkType.RESEARCH,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW.plusSeconds(1));
        WorkItem saved = items.update(edited);
        assertEquals(item.version() + 1, saved.version());
        assertEquals(Optional.of(saved), items.findById(item.id()));
        assertEquals(List.of(), items.findById(item.id()).orElseThrow().dependencies());
        assertThrows(ConflictException.class, () -> items.update(edited), "the version read is stale now");
        assertEquals(Optional.of(saved), items.findById(item.id()), "a stale update changes nothing");
    }

    @Test
    void list_filters_by_project_lane_type_and_title_text_and_pages_in_id_order() {
        List<WorkItem> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(stored(
                    i % 2 == 0 ? BF : OPS,
                    "Task " + i + (i == 3 ? " Migration" : ""),
                    i == 5 ? WorkType.BUG : WorkType.FEATURE,
                    List.of()));
        }
        assertEquals(
                4,
                items.list(
                                new WorkItemFilter(
                                        Optional.of(BF), Optional.empty(), Optional.empty(), Optional.empty()),
                                PageRequest.first(50))
                        .items()
                        .size());
        assertEquals(
                List.of(all.get(5)),
                items.list(
                                new WorkItemFilter(
                                        Optional.empty(),
                                        Optional.of(Lane.BACKLOG),
                                        Optional.of(WorkType.BUG),
                                        Optional.empty()),
                                PageRequest.first(50))
                        .items());
        assertEquals(
                List.of(all.get(3)),
                items.list(
                                new WorkItemFilter(
                                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("migration")),
                                PageRequest.first(50))
                        .items(),
                "text ignores case");
        List<WorkItem> paged = new ArrayList<>();
        Page.drain(
                3,
                page -> items.list(
                        new WorkItemFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        page),
                paged::add);
        assertEquals(all, paged);
    }
}
