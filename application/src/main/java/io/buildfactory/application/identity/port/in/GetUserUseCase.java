package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;

/** One user: the actor themselves, or anyone for a holder of the read permission; others are not found. */
public interface GetUserUseCase {

    User get(Actor actor, UserId id);
}
