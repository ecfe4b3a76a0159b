package io.buildfactory.persistence.repositories;

import static io.buildfactory.persistence.jooq.Tables.REPOSITORIES;
import static io.buildfactory.persistence.jooq.Tables.REPOSITORY_LEASES;

import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.RepositoriesRecord;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Repositories in {@code repositories}, each with its one lease row in {@code repository_leases}. */
public final class JooqCodeRepositories implements CodeRepositories {

    private final Database db;

    public JooqCodeRepositories(Database db) {
        this.db = db;
    }

    @Override
    public void insert(CodeRepository repository) {
        try {
            db.dsl().executeInsert(toRecord(repository));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "name")) {
                throw ConflictException.duplicate("repository", "name");
            }
            throw e;
        }
        db.dsl()
                .insertInto(REPOSITORY_LEASES)
                .set(REPOSITORY_LEASES.REPOSITORY_ID, repository.id().toString())
                .set(REPOSITORY_LEASES.FENCING_TOKEN, 0L)
                .execute();
    }

    @Override
    public Optional<CodeRepository> find(RepositoryId repository) {
        return db.dsl()
                .selectFrom(REPOSITORIES)
                .where(REPOSITORIES.ID.eq(repository.toString()))
                .fetchOptional(JooqCodeRepositories::toDomain);
    }

    @Override
    public void update(CodeRepository repository) {
        int rows = db.dsl()
                .update(REPOSITORIES)
                .set(REPOSITORIES.DEFAULT_BRANCH, repository.defaultBranch())
                .set(REPOSITORIES.VISIBILITY, repository.visibility().code())
                .set(REPOSITORIES.UPDATED_AT, repository.updatedAt())
                .set(REPOSITORIES.VERSION, repository.version())
                .where(REPOSITORIES.ID.eq(repository.id().toString()))
                .and(REPOSITORIES.VERSION.eq(repository.version() - 1))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("repository", repository.id(), repository.version() - 1);
        }
    }

    @Override
    public Page<CodeRepository> list(ProjectId project, PageRequest page) {
        var query = db.dsl().selectFrom(REPOSITORIES).where(REPOSITORIES.PROJECT_ID.eq(project.toString()));
        page.after().ifPresent(name -> query.and(REPOSITORIES.NAME.gt(name)));
        return Page.of(
                query.orderBy(REPOSITORIES.NAME).limit(page.limit() + 1).fetch(JooqCodeRepositories::toDomain),
                page.limit(),
                CodeRepository::name);
    }

    private static RepositoriesRecord toRecord(CodeRepository r) {
        return new RepositoriesRecord(
                r.id().toString(),
                r.project().toString(),
                r.name(),
                r.defaultBranch(),
                r.visibility().code(),
                r.storageLocation(),
                r.createdAt(),
                r.updatedAt(),
                r.version());
    }

    private static CodeRepository toDomain(RepositoriesRecord r) {
        return new CodeRepository(
                RepositoryId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                r.getName(),
                r.getDefaultBranch(),
                Visibility.parse(r.getVisibility()),
                r.getStorageLocation(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
