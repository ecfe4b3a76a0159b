package io.buildfactory.persistence.projects;

import static io.buildfactory.persistence.jooq.Tables.PROJECTS;

import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.ProjectsRecord;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Projects in the {@code projects} table; keys and names unique, updates under the version. */
public final class JooqProjectRepository implements ProjectRepository {

    private final Database db;

    public JooqProjectRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Project project) {
        unique(() -> db.dsl().executeInsert(toRecord(project)));
    }

    @Override
    public Project update(Project project) {
        Project next = project.nextVersion();
        ProjectsRecord record = toRecord(next);
        // the planning log owns the sequence: an edit read before an action must not write it back
        record.changed(PROJECTS.ACTION_SEQUENCE, false);
        int rows = unique(() -> db.dsl()
                .update(PROJECTS)
                .set(record)
                .where(PROJECTS.ID.eq(project.id().toString()))
                .and(PROJECTS.VERSION.eq(project.version()))
                .execute());
        if (rows == 0) {
            throw ConflictException.staleVersion("project", project.key(), project.version());
        }
        return next;
    }

    @Override
    public Optional<Project> findByKey(ProjectKey key) {
        return db.dsl()
                .selectFrom(PROJECTS)
                .where(PROJECTS.PROJECT_KEY.eq(key.value()))
                .fetchOptional(JooqProjectRepository::toDomain);
    }

    @Override
    public Optional<Project> findById(ProjectId id) {
        return db.dsl()
                .selectFrom(PROJECTS)
                .where(PROJECTS.ID.eq(id.toString()))
                .fetchOptional(JooqProjectRepository::toDomain);
    }

    @Override
    public Page<Project> list(PageRequest page) {
        var query = db.dsl().selectFrom(PROJECTS).where(DSL.trueCondition());
        page.after().ifPresent(key -> query.and(PROJECTS.PROJECT_KEY.gt(key)));
        return Page.of(
                query.orderBy(PROJECTS.PROJECT_KEY).limit(page.limit() + 1).fetch(JooqProjectRepository::toDomain),
                page.limit(),
                p -> p.key().value());
    }

    /** A second project with the same key or name is a conflict naming the field, not a database error. */
    private static int unique(Supplier<Integer> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            // by the index's name: the message also quotes the offending value, which could contain anything
            if (Constraints.isUniqueViolation(e, "projects_project_key_key")
                    || Constraints.isUniqueViolation(e, "projects.project_key")) {
                throw ConflictException.duplicate("project", "key");
            }
            if (Constraints.isUniqueViolation(e, "projects_name_key")
                    || Constraints.isUniqueViolation(e, "projects.name")) {
                throw ConflictException.duplicate("project", "name");
            }
            throw e;
        }
    }

    private static ProjectsRecord toRecord(Project p) {
        return new ProjectsRecord(
                p.id().toString(),
                p.key().value(),
                p.name(),
                p.description(),
                p.repoUrl().orElse(null),
                p.defaultBranch(),
                p.actionSequence(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    private static Project toDomain(ProjectsRecord r) {
        return new Project(
                ProjectId.parse(r.getId()),
                new ProjectKey(r.getProjectKey()),
                r.getName(),
                r.getDescription(),
                Optional.ofNullable(r.getRepoUrl()),
                r.getDefaultBranch(),
                r.getActionSequence(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
