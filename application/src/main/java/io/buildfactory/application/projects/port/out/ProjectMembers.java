package io.buildfactory.application.projects.port.out;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import java.util.List;
import java.util.Set;

/** Who holds which role in which project, and what that grants them there. */
public interface ProjectMembers {

    /**
     * Gives the role; holding it already is a conflict naming {@code role}, and a user or role that does not
     * exist is invalid input naming {@code userId} or {@code roleId}.
     */
    void add(ProjectMember member);

    /** Whether there was such a membership to remove. */
    boolean remove(ProjectId project, UserId user, RoleId role);

    /** The project's members, by user then role. */
    List<ProjectMember> of(ProjectId project);

    /** What the user's roles in the project grant there (empty when they hold none). */
    Set<Permission> permissionsIn(UserId user, ProjectId project);

    /** What a role grants (empty for a role that does not exist). */
    Set<Permission> grantsOf(RoleId role);

    /** Whether the user holds any role in the project. */
    boolean isMember(UserId user, ProjectId project);

    /** The projects in which the user holds a role. */
    Set<ProjectKey> projectsOf(UserId user);
}
