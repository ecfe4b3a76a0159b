package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who the actor is: user, roles, permissions and when the session ends. */
public interface DescribeSessionUseCase {

    SessionInfo describe(Actor actor);

    record SessionInfo(User user, List<Role> roles, Set<Permission> permissions, Optional<Session> session) {}
}
