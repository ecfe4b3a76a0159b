package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;

/** Lists users, oldest first. */
public interface ListUsersUseCase {

    Page<User> list(Actor actor, PageRequest page);
}
