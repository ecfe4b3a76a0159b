package io.buildfactory.application.identity;

import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import java.util.Optional;

/**
 * At least one active administrator always remains, even when two administrators remove each other at the same
 * moment: the count is taken with the admin role locked, so the second change sees the first one's result.
 */
final class LastAdministrator {

    private final RoleRepository roles;
    private final UserRepository users;

    LastAdministrator(RoleRepository roles, UserRepository users) {
        this.roles = roles;
        this.users = users;
    }

    /**
     * Refuses a change that ends {@code user}'s administration (losing the role, being disabled or erased) when
     * they are the last active administrator. Call it inside the change's transaction, before the change.
     */
    void refuseLosing(UserId user, String refusal) {
        Optional<Role> admin = roles.findByName(RoleAdministration.ADMIN);
        if (admin.isEmpty()) {
            return;
        }
        int activeAdministrators = roles.lockAndCountActiveHolders(admin.get().id());
        boolean isActiveAdministrator =
                users.findById(user).filter(User::isActive).isPresent()
                        && roles.rolesOf(user).stream()
                                .anyMatch(r -> r.id().equals(admin.get().id()));
        if (isActiveAdministrator && activeAdministrators <= 1) {
            throw new RuleViolationException("last-admin", refusal);
        }
    }
}
