package io.buildfactory.application.identity;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.identity.port.in.AssignRoleUseCase;
import io.buildfactory.application.identity.port.in.ChangeRolePermissionsUseCase;
import io.buildfactory.application.identity.port.in.CreateRoleUseCase;
import io.buildfactory.application.identity.port.in.ListRolesUseCase;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Roles, their permissions and who holds them. Changes take effect on each holder's next request. */
public final class RoleAdministration
        implements ListRolesUseCase, CreateRoleUseCase, ChangeRolePermissionsUseCase, AssignRoleUseCase {

    /** The role that can always administer: its permissions are fixed and its last holder stays. */
    static final RoleName ADMIN = new RoleName("admin");

    private final RoleRepository roles;
    private final UserRepository users;
    private final LastAdministrator lastAdministrator;
    private final SessionRepository sessions;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public RoleAdministration(
            RoleRepository roles,
            UserRepository users,
            SessionRepository sessions,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.roles = roles;
        this.users = users;
        this.lastAdministrator = new LastAdministrator(roles, users);
        this.sessions = sessions;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<Role> roles(Actor actor) {
        actor.require(Permissions.ROLE_READ);
        return roles.list();
    }

    @Override
    public Set<Permission> catalogue(Actor actor) {
        actor.require(Permissions.ROLE_READ);
        return roles.catalogue();
    }

    @Override
    public Role create(Actor actor, RoleName name, String description, Set<Permission> permissions) {
        actor.require(Permissions.ROLE_MANAGE);
        requireCatalogued(permissions);
        Role role = Role.create(new RoleId(ids.next()), name, description, permissions, clock.instant());
        transactions.inTransaction(() -> {
            roles.insert(role);
            audit.success(
                    actor,
                    AuditAction.ROLE_CREATE,
                    AuditTarget.role(role.id()),
                    Map.of("name", name.value(), "permissions", joined(permissions)));
        });
        telemetry.emit(ServerEvent.ROLE_CREATED, actor, Map.of("role", name.value()));
        return role;
    }

    @Override
    public Role grant(Actor actor, RoleId roleId, Permission permission) {
        return changePermission(actor, roleId, permission, true);
    }

    @Override
    public Role revoke(Actor actor, RoleId roleId, Permission permission) {
        return changePermission(actor, roleId, permission, false);
    }

    private Role changePermission(Actor actor, RoleId roleId, Permission permission, boolean grant) {
        actor.require(Permissions.ROLE_MANAGE);
        Role role = roles.findById(roleId).orElseThrow(() -> new NotFoundException("role", roleId));
        if (role.name().equals(ADMIN)) {
            throw new RuleViolationException(
                    "admin-role-fixed", "the admin role always holds every permission; create another role instead");
        }
        requireCatalogued(Set.of(permission));
        transactions.inTransaction(() -> {
            if (grant) {
                roles.grant(roleId, permission);
            } else {
                roles.revoke(roleId, permission);
            }
            audit.success(
                    actor,
                    grant ? AuditAction.ROLE_PERMISSION_GRANT : AuditAction.ROLE_PERMISSION_REVOKE,
                    AuditTarget.role(roleId),
                    Map.of("permission", permission.name()));
        });
        telemetry.emit(
                grant ? ServerEvent.ROLE_PERMISSION_GRANTED : ServerEvent.ROLE_PERMISSION_REVOKED,
                actor,
                Map.of("role", role.name().value(), "permission", permission.name()));
        return roles.findById(roleId).orElseThrow();
    }

    @Override
    public List<Role> assign(Actor actor, UserId user, RoleId roleId) {
        actor.require(Permissions.ROLE_MANAGE);
        requireUser(user);
        Role role = roles.findById(roleId).orElseThrow(() -> new NotFoundException("role", roleId));
        transactions.inTransaction(() -> {
            roles.assign(user, roleId, clock.instant());
            audit.success(
                    actor,
                    AuditAction.ROLE_ASSIGN,
                    AuditTarget.user(user),
                    Map.of("role", role.name().value()));
        });
        telemetry.emit(
                ServerEvent.ROLE_ASSIGNED, actor, Map.of("role", role.name().value()));
        return roles.rolesOf(user);
    }

    @Override
    public List<Role> unassign(Actor actor, UserId user, RoleId roleId) {
        actor.require(Permissions.ROLE_MANAGE);
        requireUser(user);
        Role role = roles.findById(roleId).orElseThrow(() -> new NotFoundException("role", roleId));
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            if (role.name().equals(ADMIN)) {
                lastAdministrator.refuseLosing(user, "the last administrator cannot lose the admin role");
            }
            if (!roles.unassign(user, roleId)) {
                throw new NotFoundException("role assignment", role.name());
            }
            // The user's permissions shrank: their other sessions end, so no tab keeps acting on the old rights.
            Optional<io.buildfactory.domain.identity.SessionId> keep =
                    actor.is(user) && actor.credential() instanceof Actor.Credential.ViaSession via
                            ? Optional.of(via.sessionId())
                            : Optional.empty();
            int ended = sessions.endAllOf(user, keep, now, SessionEndReason.ROLE_REMOVED);
            audit.success(
                    actor,
                    AuditAction.ROLE_UNASSIGN,
                    AuditTarget.user(user),
                    Map.of("role", role.name().value(), "sessionsEnded", Integer.toString(ended)));
        });
        telemetry.emit(
                ServerEvent.ROLE_UNASSIGNED, actor, Map.of("role", role.name().value()));
        return roles.rolesOf(user);
    }

    private void requireUser(UserId user) {
        if (users.findById(user).isEmpty()) {
            throw new NotFoundException("user", user);
        }
    }

    private void requireCatalogued(Set<Permission> permissions) {
        Set<Permission> catalogue = roles.catalogue();
        for (Permission p : permissions) {
            if (!catalogue.contains(p)) {
                throw new InvalidInputException("permissions", "names a permission outside the catalogue: " + p);
            }
        }
    }

    private static String joined(Set<Permission> permissions) {
        return String.join(
                ",", permissions.stream().map(Permission::name).sorted().toList());
    }
}
