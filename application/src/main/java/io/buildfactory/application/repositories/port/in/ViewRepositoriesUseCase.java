package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** Reading repositories and their leases. Needs {@code factory.repository.read}. */
public interface ViewRepositoriesUseCase {

    /** A repository's lease as it stands: the grant held now, if any, and the last token granted. */
    record LeaseState(RepositoryId repository, Optional<Lease> held, long lastToken) {}

    CodeRepository repository(Actor actor, RepositoryId repository);

    Page<CodeRepository> repositories(Actor actor, ProjectKey project, PageRequest page);

    LeaseState lease(Actor actor, RepositoryId repository);
}
