package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import java.util.List;

/** Gives a role to a user or takes it away; taking one away ends the user's other sessions. */
public interface AssignRoleUseCase {

    List<Role> assign(Actor actor, UserId user, RoleId role);

    List<Role> unassign(Actor actor, UserId user, RoleId role);
}
