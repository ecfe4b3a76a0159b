package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import java.util.Optional;

/**
 * Creating repositories and changing their settings. A change is a write under the lease: it presents the current
 * grant's fencing token, checked in the change's own transaction. Needs {@code factory.repository.write}.
 */
public interface ManageRepositoriesUseCase {

    record NewRepository(String name, String defaultBranch, Visibility visibility, String storageLocation) {}

    CodeRepository create(Actor actor, ProjectKey project, NewRepository repository);

    CodeRepository changeSettings(
            Actor actor,
            RepositoryId repository,
            FencingToken token,
            Optional<String> defaultBranch,
            Optional<Visibility> visibility,
            long version);
}
