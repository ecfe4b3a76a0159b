package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** A project's code repositories. */
public interface CodeRepositories {

    /** Writes the repository and its lease, never granted; a name taken in the project is a conflict on {@code name}. */
    void insert(CodeRepository repository);

    Optional<CodeRepository> find(RepositoryId repository);

    /** Writes the settings under the version they were read at (the domain counts it up); refuses a stale one. */
    void update(CodeRepository repository);

    /** A project's repositories by name; the cursor is a name. */
    Page<CodeRepository> list(ProjectId project, PageRequest page);
}
