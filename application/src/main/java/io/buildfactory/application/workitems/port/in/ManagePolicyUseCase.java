package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.workitems.PolicyProfile;

/** A project's policy profile: which gates hold which action, enforced or only evaluated. */
public interface ManagePolicyUseCase {

    PolicyProfile policy(Actor actor, String projectKey);

    /** Replaces the profile if nobody changed it since {@code profile.version()}; audited. */
    PolicyProfile change(Actor actor, PolicyProfile profile);
}
