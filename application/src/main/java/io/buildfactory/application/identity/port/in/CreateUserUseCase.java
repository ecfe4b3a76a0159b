package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserKind;
import java.util.List;
import java.util.Optional;

/** An administrator creates a user (a person with a password, or an agent) with roles. */
public interface CreateUserUseCase {

    User create(Actor actor, NewUser user);

    record NewUser(String email, String displayName, UserKind kind, Optional<String> password, List<RoleName> roles) {
        @Override
        public String toString() {
            return "NewUser[email=" + email + ", kind=" + kind + ", roles=" + roles + "]";
        }
    }
}
