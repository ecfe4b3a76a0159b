package io.buildfactory.domain.projects;

import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;

/**
 * A user holding a role in one project: on that project's objects they have the role's permissions on top of
 * their global ones. A user may hold several roles in a project.
 */
public record ProjectMember(ProjectId project, UserId user, RoleId role, Instant since) {

    public ProjectMember {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        since = Timestamps.stored(since);
    }
}
