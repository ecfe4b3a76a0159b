package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** A named set of permissions. Built-in roles are seeded by migration. */
public record Role(
        RoleId id,
        RoleName name,
        String description,
        boolean builtIn,
        SortedSet<Permission> permissions,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Role {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description =
                description == null || description.isBlank() ? "" : Text.required("description", description, 500);
        permissions = Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    public static Role create(RoleId id, RoleName name, String description, Set<Permission> permissions, Instant now) {
        return new Role(id, name, description, false, new TreeSet<>(permissions), now, now, 1);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
