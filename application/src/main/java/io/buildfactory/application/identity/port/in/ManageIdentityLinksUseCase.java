package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.UserId;
import java.util.List;
import java.util.Optional;

/** Links external identities to a user, lists and unlinks them: users their own, administrators anyone's. */
public interface ManageIdentityLinksUseCase {

    IdentityLink link(Actor actor, UserId user, NewLink link);

    List<IdentityLink> links(Actor actor, UserId user);

    void unlink(Actor actor, UserId user, IdentityLinkId link);

    record NewLink(String provider, String subject, Optional<String> email, Optional<String> profileJson) {}
}
