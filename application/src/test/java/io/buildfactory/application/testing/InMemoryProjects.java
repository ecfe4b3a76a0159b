package io.buildfactory.application.testing;

import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Projects in memory, with the promises ProjectRepositoryContractTest holds the adapter to. */
public final class InMemoryProjects implements ProjectRepository, Transactional {

    private TreeMap<String, Project> byKey = new TreeMap<>();

    @Override
    public synchronized void insert(Project project) {
        if (byKey.containsKey(project.key().value())) {
            throw ConflictException.duplicate("project", "key");
        }
        if (byKey.values().stream().anyMatch(p -> p.name().equals(project.name()))) {
            throw ConflictException.duplicate("project", "name");
        }
        byKey.put(project.key().value(), project);
    }

    @Override
    public synchronized Project update(Project project) {
        Project stored = byKey.get(project.key().value());
        if (stored == null || stored.version() != project.version()) {
            throw ConflictException.staleVersion("project", project.key(), project.version());
        }
        if (byKey.values().stream()
                .anyMatch(p -> !p.id().equals(project.id()) && p.name().equals(project.name()))) {
            throw ConflictException.duplicate("project", "name");
        }
        Project next = project.nextVersion();
        byKey.put(project.key().value(), next);
        return next;
    }

    @Override
    public synchronized Optional<Project> findByKey(ProjectKey key) {
        return Optional.ofNullable(byKey.get(key.value()));
    }

    @Override
    public synchronized Optional<Project> findById(ProjectId id) {
        return byKey.values().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Page<Project> list(PageRequest page) {
        List<Project> fetched = (page.after().isPresent()
                        ? byKey.tailMap(page.after().get(), false)
                        : byKey)
                .values().stream().limit(page.limit() + 1L).toList();
        return Page.of(fetched, page.limit(), p -> p.key().value());
    }

    @Override
    public synchronized Object snapshot() {
        return new TreeMap<>(byKey);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byKey = new TreeMap<>((TreeMap<String, Project>) snapshot);
    }
}
