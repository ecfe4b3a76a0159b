package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import java.util.List;
import java.util.Set;

/** Every role with its permissions, and the permission catalogue. */
public interface ListRolesUseCase {

    List<Role> roles(Actor actor);

    Set<Permission> catalogue(Actor actor);
}
