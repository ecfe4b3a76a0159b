package io.buildfactory.application.testing;

import io.buildfactory.application.projects.port.out.ProjectMembers;
import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Project roles in memory, over a fixed catalogue of roles and their permissions (as the seeded ones are). */
public final class InMemoryProjectMembers implements ProjectMembers, Transactional {

    private final Map<RoleId, Set<Permission>> roles;
    private final ProjectRepository projects;
    private List<ProjectMember> members = new ArrayList<>();

    public InMemoryProjectMembers(Map<RoleId, Set<Permission>> roles, ProjectRepository projects) {
        this.roles = Map.copyOf(roles);
        this.projects = projects;
    }

    @Override
    public synchronized void add(ProjectMember m) {
        if (!roles.containsKey(m.role())) {
            throw new InvalidInputException("roleId", "names no role");
        }
        if (members.stream().anyMatch(x -> same(x, m.project(), m.user(), m.role()))) {
            throw ConflictException.duplicate("project member", "role");
        }
        members.add(m);
    }

    @Override
    public synchronized boolean remove(ProjectId project, UserId user, RoleId role) {
        return members.removeIf(x -> same(x, project, user, role));
    }

    @Override
    public synchronized List<ProjectMember> of(ProjectId project) {
        return members.stream()
                .filter(m -> m.project().equals(project))
                .sorted(Comparator.comparing((ProjectMember m) -> m.user().toString())
                        .thenComparing(m -> m.role().toString()))
                .toList();
    }

    @Override
    public synchronized Set<Permission> permissionsIn(UserId user, ProjectId project) {
        return members.stream()
                .filter(m -> m.project().equals(project) && m.user().equals(user))
                .flatMap(m -> roles.get(m.role()).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public synchronized Set<Permission> grantsOf(RoleId role) {
        return new TreeSet<>(roles.getOrDefault(role, Set.of()));
    }

    @Override
    public synchronized boolean isMember(UserId user, ProjectId project) {
        return members.stream()
                .anyMatch(m -> m.project().equals(project) && m.user().equals(user));
    }

    @Override
    public synchronized Set<ProjectKey> projectsOf(UserId user) {
        return members.stream()
                .filter(m -> m.user().equals(user))
                .map(m -> projects.findById(m.project()).map(Project::key))
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(ProjectKey::value))));
    }

    private static boolean same(ProjectMember m, ProjectId project, UserId user, RoleId role) {
        return m.project().equals(project) && m.user().equals(user) && m.role().equals(role);
    }

    @Override
    public synchronized Object snapshot() {
        return List.copyOf(members);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        members = new ArrayList<>((List<ProjectMember>) snapshot);
    }
}
