package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.PolicyProfile;
import java.time.Instant;
import java.util.Optional;

/** Each project's policy profile: which gates hold which action, enforced or only evaluated. */
public interface ProjectPolicies {

    /** The project's own profile; empty while it runs on the defaults. */
    Optional<PolicyProfile> policy(ProjectKey project);

    /** Stores the profile at {@code profile.version() + 1} if nobody changed it since. @return the stored profile */
    PolicyProfile savePolicy(PolicyProfile profile, Instant at);
}
