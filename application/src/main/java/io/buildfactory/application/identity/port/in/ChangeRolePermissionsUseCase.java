package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;

/** Grants a permission to a role or revokes it; holders are affected on their next request. */
public interface ChangeRolePermissionsUseCase {

    Role grant(Actor actor, RoleId role, Permission permission);

    Role revoke(Actor actor, RoleId role, Permission permission);
}
