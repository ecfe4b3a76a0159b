package io.buildfactory.persistence.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectRepositoryContractTest extends OnBothEngines {

    final Fixtures fixtures = new Fixtures();
    JooqProjectRepository projects;

    @BeforeEach
    void repository() {
        projects = new JooqProjectRepository(db.database());
    }

    @Test
    void a_project_reads_back_equal_by_key_and_by_id_with_unicode_and_microseconds() {
        Project bf = fixtures.project("BF")
                .edit(
                        "Fábrica de construção 🏭",
                        "Línea 1\nline 2",
                        Optional.of("git@github.com:acme/factory.git"),
                        "release/2026.12",
                        Fixtures.NOW.plusNanos(123_000));
        projects.insert(bf);
        assertEquals(Optional.of(bf), projects.findByKey(new ProjectKey("BF")));
        assertEquals(Optional.of(bf), projects.findById(bf.id()));
        assertEquals(Optional.empty(), projects.findByKey(new ProjectKey("OPS")));
    }

    @Test
    void a_second_project_with_a_taken_key_or_name_is_a_conflict_naming_the_field() {
        Project bf = fixtures.project("BF");
        projects.insert(bf);
        assertEquals(
                "key",
                assertThrows(
                                ConflictException.class,
                                () -> projects.insert(fixtures.project("BF")
                                        .edit("Another name", "", Optional.empty(), "main", Fixtures.NOW)))
                        .field());
        Project sameName = fixtures.project("OPS").edit(bf.name(), "", Optional.empty(), "main", Fixtures.NOW);
        assertEquals(
                "name",
                assertThrows(ConflictException.class, () -> projects.insert(sameName))
                        .field());
        assertEquals(1, projects.list(PageRequest.first(10)).items().size(), "nothing else was stored");
    }

    @Test
    void an_update_applies_only_from_the_version_read_and_cannot_take_another_projects_name() {
        Project bf = fixtures.project("BF");
        Project ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        Project renamed = projects.update(bf.edit("Factory", "", Optional.empty(), "main", Fixtures.NOW));
        assertEquals(2, renamed.version());
        assertEquals(Optional.of(renamed), projects.findByKey(bf.key()));
        assertThrows(ConflictException.class, () -> projects.update(bf), "version 1 is stale now");
        assertEquals(
                "name",
                assertThrows(
                                ConflictException.class,
                                () -> projects.update(ops.edit("Factory", "", Optional.empty(), "main", Fixtures.NOW)))
                        .field());
        assertEquals(Optional.of(ops), projects.findByKey(ops.key()), "the refused update changed nothing");
    }

    @Test
    void projects_page_in_key_order_by_cursor() {
        for (String key : List.of("ZED", "BF", "OPS", "AB", "Q1")) {
            projects.insert(fixtures.project(key));
        }
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Project> p = projects.list(page);
            p.items().forEach(x -> seen.add(x.key().value()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        assertEquals(List.of("AB", "BF", "OPS", "Q1", "ZED"), seen);
    }
}
