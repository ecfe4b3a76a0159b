package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserStatus;
import java.util.Optional;

/** Renames, disables or re-enables a user; disabling ends their sessions and API tokens. */
public interface UpdateUserUseCase {

    User update(Actor actor, UserChange change);

    record UserChange(UserId id, long version, Optional<String> displayName, Optional<UserStatus> status) {}
}
