package io.buildfactory.application.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase.NewProject;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase.ProjectChange;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.testing.InMemoryProjectMembers;
import io.buildfactory.application.testing.InMemoryProjects;
import io.buildfactory.application.testing.InMemoryTransactions;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.application.testing.RecordingAuditTrail;
import io.buildfactory.application.testing.RecordingTelemetry;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectServiceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final IdGenerator ids = new IdGenerator(clock, new Random(9));
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryProjects projects = transactions.register(new InMemoryProjects());
    final RecordingAuditTrail audit = transactions.register(new RecordingAuditTrail(ids, clock));
    final RecordingTelemetry telemetry = new RecordingTelemetry();
    final InMemoryProjectMembers members = transactions.register(
            new InMemoryProjectMembers(Map.of(VIEWER, Set.of(Permissions.WORK_ITEM_READ)), projects));
    final ProjectService service =
            new ProjectService(projects, members, transactions, audit, telemetry, ids, clock, ChangeVersions.UNTRACKED);

    static final RoleId VIEWER = RoleId.parse("01JQBF0000000000000000VWR1");

    Actor holding(Permission... permissions) {
        return new Actor(
                new UserId(ids.next()),
                Set.of(permissions),
                new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
    }

    final Actor admin = holding(Permissions.all().toArray(Permission[]::new));

    Project bf() {
        return service.create(
                admin, new NewProject(new ProjectKey("BF"), "Build Factory", "", Optional.empty(), Optional.empty()));
    }

    @Test
    void creating_needs_its_permission_and_is_audited_and_emitted_once() {
        NewProject ops = new NewProject(new ProjectKey("OPS"), "Operations", "", Optional.empty(), Optional.empty());
        assertThrows(ForbiddenException.class, () -> service.create(holding(Permissions.PROJECT_READ), ops));
        assertEquals(List.of(), audit.entries());
        Project created = service.create(admin, ops);
        assertEquals(Optional.of(created), projects.findByKey(new ProjectKey("OPS")));
        assertEquals(
                List.of(AuditAction.PROJECT_CREATE),
                audit.entries().stream().map(AuditTrail.Entry::action).toList());
        assertEquals(List.of(ServerEvent.PROJECT_CREATED), telemetry.types());
    }

    @Test
    void a_taken_key_is_a_conflict_and_leaves_no_audit_entry_behind() {
        bf();
        ConflictException taken = assertThrows(
                ConflictException.class,
                () -> service.create(
                        admin, new NewProject(new ProjectKey("BF"), "Other", "", Optional.empty(), Optional.empty())));
        assertEquals("key", taken.field());
        assertEquals(1, audit.entries().size(), "only the first creation is audited");
    }

    @Test
    void an_edit_keeps_what_it_does_not_name_and_a_stale_one_changes_nothing() {
        Project bf = bf();
        Project edited = service.update(
                admin,
                new ProjectChange(
                        bf.key(),
                        1,
                        Optional.empty(),
                        Optional.of("why"),
                        Optional.of("git@host:a/b"),
                        Optional.empty()));
        assertEquals("Build Factory", edited.name());
        assertEquals(Optional.of("git@host:a/b"), edited.repoUrl());
        assertEquals(2, edited.version());
        Project cleared = service.update(
                admin,
                new ProjectChange(bf.key(), 2, Optional.empty(), Optional.empty(), Optional.of(""), Optional.empty()));
        assertEquals(Optional.empty(), cleared.repoUrl());
        assertThrows(
                ConflictException.class,
                () -> service.update(
                        admin,
                        new ProjectChange(
                                bf.key(),
                                1,
                                Optional.of("Lost"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())));
        assertEquals(cleared, service.get(admin, bf.key()));
    }

    @Test
    void a_member_without_global_project_read_sees_only_their_projects_and_a_role_is_given_once() {
        bf();
        service.create(admin, new NewProject(new ProjectKey("OPS"), "Ops", "", Optional.empty(), Optional.empty()));
        Actor member = holding();
        assertThrows(NotFoundException.class, () -> service.get(member, new ProjectKey("BF")));
        assertThrows(
                NotFoundException.class,
                () -> service.add(member, new ProjectKey("BF"), member.userId(), VIEWER),
                "a project hidden from them");
        service.add(admin, new ProjectKey("BF"), member.userId(), VIEWER);
        assertThrows(
                ForbiddenException.class,
                () -> service.add(member, new ProjectKey("BF"), member.userId(), VIEWER),
                "seeing the project does not let them hand out roles");
        assertEquals(
                "role",
                assertThrows(
                                ConflictException.class,
                                () -> service.add(admin, new ProjectKey("BF"), member.userId(), VIEWER))
                        .field());
        assertEquals(
                new ProjectKey("BF"), service.get(member, new ProjectKey("BF")).key());
        assertEquals(
                List.of("BF"),
                service.list(member, PageRequest.first(10)).items().stream()
                        .map(p -> p.key().value())
                        .toList());
        assertEquals(
                Set.of(Permissions.WORK_ITEM_READ),
                service.in(member, new ProjectKey("BF")).orElseThrow().permissions());
        assertEquals(Optional.empty(), service.in(member, new ProjectKey("OPS")));
        assertEquals(
                List.of(AuditAction.PROJECT_CREATE, AuditAction.PROJECT_CREATE, AuditAction.PROJECT_MEMBER_ADD),
                audit.entries().stream().map(AuditTrail.Entry::action).toList(),
                "the refused and the duplicate grant left no entry");
        service.remove(admin, new ProjectKey("BF"), member.userId(), VIEWER);
        assertThrows(
                NotFoundException.class, () -> service.remove(admin, new ProjectKey("BF"), member.userId(), VIEWER));
        assertThrows(NotFoundException.class, () -> service.get(member, new ProjectKey("BF")));
    }

    @Test
    void reading_is_for_those_who_see_the_project_and_an_unknown_key_is_not_found() {
        bf();
        assertThrows(
                NotFoundException.class,
                () -> service.get(holding(Permissions.WORK_ITEM_READ), new ProjectKey("BF")),
                "hidden from a non-member who cannot read every project");
        assertThrows(NotFoundException.class, () -> service.get(admin, new ProjectKey("NOPE")));
    }

    @Test
    void a_member_manager_cannot_give_a_role_that_grants_more_than_they_hold_there() {
        bf();
        Actor manager = holding(Permissions.PROJECT_READ, Permissions.PROJECT_MANAGE_MEMBERS);
        Actor other = holding();
        assertThrows(
                ForbiddenException.class,
                () -> service.add(manager, new ProjectKey("BF"), other.userId(), VIEWER),
                "the viewer role grants work-item reading, which the manager lacks");
        Actor reader =
                holding(Permissions.PROJECT_READ, Permissions.PROJECT_MANAGE_MEMBERS, Permissions.WORK_ITEM_READ);
        service.add(reader, new ProjectKey("BF"), other.userId(), VIEWER);
        assertEquals(
                1,
                members.of(projects.findByKey(new ProjectKey("BF"))
                                .orElseThrow()
                                .id())
                        .size());
    }
}
