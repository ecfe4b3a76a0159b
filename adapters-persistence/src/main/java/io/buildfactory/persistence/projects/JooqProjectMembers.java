package io.buildfactory.persistence.projects;

import static io.buildfactory.persistence.jooq.Tables.PROJECTS;
import static io.buildfactory.persistence.jooq.Tables.PROJECT_MEMBERS;
import static io.buildfactory.persistence.jooq.Tables.ROLES;
import static io.buildfactory.persistence.jooq.Tables.ROLE_PERMISSIONS;
import static io.buildfactory.persistence.jooq.Tables.USERS;

import io.buildfactory.application.projects.port.out.ProjectMembers;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;

/** Roles held in projects ({@code project_members}), and what they grant there through the roles' permissions. */
public final class JooqProjectMembers implements ProjectMembers {

    private final Database db;

    public JooqProjectMembers(Database db) {
        this.db = db;
    }

    @Override
    public void add(ProjectMember m) {
        db.transaction(() -> {
            // named here, so a missing user or role is told apart (the foreign key says only that one is missing)
            if (!db.dsl().fetchExists(USERS, USERS.ID.eq(m.user().toString()))) {
                throw new InvalidInputException("userId", "names no user");
            }
            if (!db.dsl().fetchExists(ROLES, ROLES.ID.eq(m.role().toString()))) {
                throw new InvalidInputException("roleId", "names no role");
            }
            try {
                return db.dsl()
                        .insertInto(PROJECT_MEMBERS)
                        .set(PROJECT_MEMBERS.PROJECT_ID, m.project().toString())
                        .set(PROJECT_MEMBERS.USER_ID, m.user().toString())
                        .set(PROJECT_MEMBERS.ROLE_ID, m.role().toString())
                        .set(PROJECT_MEMBERS.CREATED_AT, m.since())
                        .execute();
            } catch (DataAccessException e) {
                if (Constraints.isUniqueViolation(e, "project_members")) {
                    throw ConflictException.duplicate("project member", "role");
                }
                throw e;
            }
        });
    }

    @Override
    public boolean remove(ProjectId project, UserId user, RoleId role) {
        return db.dsl()
                        .deleteFrom(PROJECT_MEMBERS)
                        .where(PROJECT_MEMBERS.PROJECT_ID.eq(project.toString()))
                        .and(PROJECT_MEMBERS.USER_ID.eq(user.toString()))
                        .and(PROJECT_MEMBERS.ROLE_ID.eq(role.toString()))
                        .execute()
                > 0;
    }

    @Override
    public List<ProjectMember> of(ProjectId project) {
        return db.dsl()
                .selectFrom(PROJECT_MEMBERS)
                .where(PROJECT_MEMBERS.PROJECT_ID.eq(project.toString()))
                .orderBy(PROJECT_MEMBERS.USER_ID, PROJECT_MEMBERS.ROLE_ID)
                .fetch(r -> new ProjectMember(
                        ProjectId.parse(r.getProjectId()),
                        UserId.parse(r.getUserId()),
                        RoleId.parse(r.getRoleId()),
                        r.getCreatedAt()));
    }

    @Override
    public Set<Permission> permissionsIn(UserId user, ProjectId project) {
        return db
                .dsl()
                .selectDistinct(ROLE_PERMISSIONS.PERMISSION)
                .from(PROJECT_MEMBERS)
                .join(ROLE_PERMISSIONS)
                .on(ROLE_PERMISSIONS.ROLE_ID.eq(PROJECT_MEMBERS.ROLE_ID))
                .where(PROJECT_MEMBERS.USER_ID.eq(user.toString()))
                .and(PROJECT_MEMBERS.PROJECT_ID.eq(project.toString()))
                .fetch(r -> new Permission(r.value1()))
                .stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<Permission> grantsOf(RoleId role) {
        return db
                .dsl()
                .select(ROLE_PERMISSIONS.PERMISSION)
                .from(ROLE_PERMISSIONS)
                .where(ROLE_PERMISSIONS.ROLE_ID.eq(role.toString()))
                .fetch(r -> new Permission(r.value1()))
                .stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public boolean isMember(UserId user, ProjectId project) {
        return db.dsl()
                .fetchExists(
                        PROJECT_MEMBERS,
                        PROJECT_MEMBERS
                                .USER_ID
                                .eq(user.toString())
                                .and(PROJECT_MEMBERS.PROJECT_ID.eq(project.toString())));
    }

    @Override
    public Set<ProjectKey> projectsOf(UserId user) {
        return db
                .dsl()
                .selectDistinct(PROJECTS.PROJECT_KEY)
                .from(PROJECT_MEMBERS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(PROJECT_MEMBERS.PROJECT_ID))
                .where(PROJECT_MEMBERS.USER_ID.eq(user.toString()))
                .fetch(r -> new ProjectKey(r.value1()))
                .stream()
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(ProjectKey::value))));
    }
}
