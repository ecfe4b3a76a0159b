package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.PERMISSIONS;
import static io.buildfactory.persistence.jooq.Tables.ROLES;
import static io.buildfactory.persistence.jooq.Tables.ROLE_PERMISSIONS;
import static io.buildfactory.persistence.jooq.Tables.USERS;
import static io.buildfactory.persistence.jooq.Tables.USER_ROLES;

import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserStatus;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.RolesRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;

public final class JooqRoleRepository implements RoleRepository {

    private final Database db;
    private final Clock clock;

    public JooqRoleRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void insert(Role role) {
        try {
            db.transaction(() -> {
                db.dsl()
                        .executeInsert(new RolesRecord(
                                role.id().toString(),
                                role.name().value(),
                                role.description(),
                                role.builtIn(),
                                role.createdAt(),
                                role.updatedAt(),
                                role.version()));
                role.permissions().forEach(p -> grant(role.id(), p));
                return null;
            });
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "name")) {
                throw ConflictException.duplicate("role", "name");
            }
            throw e;
        }
    }

    @Override
    public Optional<Role> findById(RoleId id) {
        return find(ROLES.ID.eq(id.toString())).stream().findFirst();
    }

    @Override
    public Optional<Role> findByName(RoleName name) {
        return find(ROLES.NAME.eq(name.value())).stream().findFirst();
    }

    @Override
    public List<Role> list() {
        return find(org.jooq.impl.DSL.noCondition());
    }

    @Override
    public Set<Permission> catalogue() {
        return db.dsl().select(PERMISSIONS.NAME).from(PERMISSIONS).fetch(r -> new Permission(r.value1())).stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void grant(RoleId role, Permission permission) {
        db.transaction(ChangeFeed.Topic.PRINCIPALS, () -> {
            requireRole(role);
            if (!db.dsl().fetchExists(PERMISSIONS, PERMISSIONS.NAME.eq(permission.name()))) {
                throw new NotFoundException("permission", permission);
            }
            return db.dsl()
                    .insertInto(ROLE_PERMISSIONS)
                    .set(ROLE_PERMISSIONS.ROLE_ID, role.toString())
                    .set(ROLE_PERMISSIONS.PERMISSION, permission.name())
                    .set(ROLE_PERMISSIONS.CREATED_AT, now())
                    .onConflictDoNothing()
                    .execute();
        });
    }

    @Override
    public boolean revoke(RoleId role, Permission permission) {
        return db.transaction(
                        ChangeFeed.Topic.PRINCIPALS,
                        () -> db.dsl()
                                .deleteFrom(ROLE_PERMISSIONS)
                                .where(ROLE_PERMISSIONS.ROLE_ID.eq(role.toString()))
                                .and(ROLE_PERMISSIONS.PERMISSION.eq(permission.name()))
                                .execute())
                > 0;
    }

    @Override
    public void assign(UserId user, RoleId role, Instant at) {
        db.transaction(ChangeFeed.Topic.PRINCIPALS, () -> {
            requireRole(role);
            return db.dsl()
                    .insertInto(USER_ROLES)
                    .set(USER_ROLES.USER_ID, user.toString())
                    .set(USER_ROLES.ROLE_ID, role.toString())
                    .set(USER_ROLES.ASSIGNED_AT, io.buildfactory.domain.shared.Timestamps.stored(at))
                    .onConflictDoNothing()
                    .execute();
        });
    }

    @Override
    public boolean unassign(UserId user, RoleId role) {
        return db.transaction(
                        ChangeFeed.Topic.PRINCIPALS,
                        () -> db.dsl()
                                .deleteFrom(USER_ROLES)
                                .where(USER_ROLES.USER_ID.eq(user.toString()))
                                .and(USER_ROLES.ROLE_ID.eq(role.toString()))
                                .execute())
                > 0;
    }

    @Override
    public List<Role> rolesOf(UserId user) {
        return find(ROLES.ID.in(
                db.dsl().select(USER_ROLES.ROLE_ID).from(USER_ROLES).where(USER_ROLES.USER_ID.eq(user.toString()))));
    }

    @Override
    public int lockAndCountActiveHolders(RoleId role) {
        db.dialect()
                .lockingRows(db.dsl().select(ROLES.ID).from(ROLES).where(ROLES.ID.eq(role.toString())))
                .fetch();
        return db.dsl()
                .fetchCount(db.dsl()
                        .select(USER_ROLES.USER_ID)
                        .from(USER_ROLES)
                        .join(USERS)
                        .on(USERS.ID.eq(USER_ROLES.USER_ID))
                        .where(USER_ROLES.ROLE_ID.eq(role.toString()))
                        .and(USERS.STATUS.eq(UserStatus.ACTIVE.code())));
    }

    @Override
    public Set<Permission> permissionsOf(UserId user) {
        return db
                .dsl()
                .selectDistinct(ROLE_PERMISSIONS.PERMISSION)
                .from(USER_ROLES)
                .join(ROLE_PERMISSIONS)
                .on(ROLE_PERMISSIONS.ROLE_ID.eq(USER_ROLES.ROLE_ID))
                .where(USER_ROLES.USER_ID.eq(user.toString()))
                .fetch(r -> new Permission(r.value1()))
                .stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Roles and their permissions in two queries, whatever the number of roles. */
    private List<Role> find(Condition condition) {
        List<RolesRecord> roles =
                db.dsl().selectFrom(ROLES).where(condition).orderBy(ROLES.NAME).fetch();
        if (roles.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> grants = db.dsl()
                .select(ROLE_PERMISSIONS.ROLE_ID, ROLE_PERMISSIONS.PERMISSION)
                .from(ROLE_PERMISSIONS)
                .where(ROLE_PERMISSIONS.ROLE_ID.in(
                        roles.stream().map(RolesRecord::getId).toList()))
                .fetchGroups(ROLE_PERMISSIONS.ROLE_ID, ROLE_PERMISSIONS.PERMISSION);
        return roles.stream()
                .map(r -> new Role(
                        RoleId.parse(r.getId()),
                        new RoleName(r.getName()),
                        r.getDescription(),
                        r.getBuiltIn(),
                        grants.getOrDefault(r.getId(), List.of()).stream()
                                .map(Permission::new)
                                .collect(Collectors.toCollection(TreeSet::new)),
                        r.getCreatedAt(),
                        r.getUpdatedAt(),
                        r.getVersion()))
                .toList();
    }

    private void requireRole(RoleId role) {
        if (!db.dsl().fetchExists(ROLES, ROLES.ID.eq(role.toString()))) {
            throw new NotFoundException("role", role);
        }
    }

    private Instant now() {
        return io.buildfactory.domain.shared.Timestamps.stored(clock.instant());
    }
}
