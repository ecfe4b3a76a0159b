package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Roles, the permissions they grant, and which users hold them. */
public interface RoleRepository {

    /** Stores a new role with its permissions; a taken name is a duplicate conflict on {@code name}. */
    void insert(Role role);

    Optional<Role> findById(RoleId id);

    Optional<Role> findByName(RoleName name);

    List<Role> list();

    /** The permission catalogue: every permission a role may grant. */
    Set<Permission> catalogue();

    /** Grants the permission to the role; granting one twice changes nothing. */
    void grant(RoleId role, Permission permission);

    /** @return whether the role had the permission */
    boolean revoke(RoleId role, Permission permission);

    /** Gives the role to the user; assigning it twice changes nothing. */
    void assign(UserId user, RoleId role, Instant at);

    /** @return whether the user had the role */
    boolean unassign(UserId user, RoleId role);

    List<Role> rolesOf(UserId user);

    /**
     * How many active users hold the role, with the role locked until the transaction ends: two transactions that
     * check its holders before changing them take turns, so neither decides on a count the other is changing.
     * Call it inside a transaction.
     */
    int lockAndCountActiveHolders(RoleId role);

    /** Every permission any of the user's roles grants. */
    Set<Permission> permissionsOf(UserId user);
}
