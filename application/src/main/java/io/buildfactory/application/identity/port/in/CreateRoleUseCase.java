package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleName;
import java.util.Set;

/** An administrator defines a new role from catalogue permissions. */
public interface CreateRoleUseCase {

    Role create(Actor actor, RoleName name, String description, Set<Permission> permissions);
}
