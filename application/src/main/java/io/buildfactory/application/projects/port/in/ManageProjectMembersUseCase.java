package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import java.util.List;

/**
 * Roles held in a project. Reading needs to see the project; giving and taking roles needs
 * {@code factory.project.manage-members}, globally or in the project. Every change is audited.
 */
public interface ManageProjectMembersUseCase {

    List<ProjectMember> members(Actor actor, ProjectKey project);

    ProjectMember add(Actor actor, ProjectKey project, UserId user, RoleId role);

    /** Taking a role the user does not hold in the project is 404. */
    void remove(Actor actor, ProjectKey project, UserId user, RoleId role);
}
