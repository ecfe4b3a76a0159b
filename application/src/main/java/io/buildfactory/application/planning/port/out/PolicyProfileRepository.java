package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.ProjectId;
import java.util.Optional;

/** One policy profile per project, replaced whole under its version. */
public interface PolicyProfileRepository {

    /** Empty when the project has never had one set. */
    Optional<PolicyProfile> find(ProjectId project);

    /** Stores the profile read at its version (0: the first) and returns it at the next version. */
    PolicyProfile save(PolicyProfile profile);
}
