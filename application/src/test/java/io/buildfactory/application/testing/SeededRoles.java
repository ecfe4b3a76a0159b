package io.buildfactory.application.testing;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase.NewWorkItem;
import io.buildfactory.application.workitems.port.in.WorkItemDraft;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.WorkType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The seeded roles' project and work-item permissions (docs/identity.md), and actors and items made of them. */
public final class SeededRoles {

    private SeededRoles() {}

    public static final Map<String, Set<Permission>> PERMISSIONS = Map.of(
            "admin", Permissions.all(),
            "maintainer",
                    Set.of(
                            Permissions.PROJECT_READ,
                            Permissions.WORK_ITEM_READ,
                            Permissions.WORK_ITEM_CREATE,
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_COMPLETE,
                            Permissions.WORK_ITEM_PREPARE_RELEASE,
                            Permissions.WORK_ITEM_RECORD_HISTORY,
                            Permissions.WORK_ITEM_BLOCK),
            "contributor",
                    Set.of(
                            Permissions.PROJECT_READ,
                            Permissions.WORK_ITEM_READ,
                            Permissions.WORK_ITEM_CREATE,
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_RECORD_HISTORY),
            "viewer", Set.of(Permissions.PROJECT_READ, Permissions.WORK_ITEM_READ),
            "agent",
                    Set.of(
                            Permissions.PROJECT_READ,
                            Permissions.WORK_ITEM_READ,
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_RECORD_HISTORY));

    /** A fresh signed-in user holding exactly {@code role}'s permissions. */
    public static Actor actor(String role, IdGenerator ids) {
        return new Actor(
                new UserId(ids.next()),
                PERMISSIONS.get(role),
                new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
    }

    /** A feature with a merged pull request and met criteria: every action's gates can pass for it. */
    public static NewWorkItem releasableFeature(ProjectKey project) {
        return new NewWorkItem(
                project,
                new WorkItemDraft(
                        "Persistence foundation",
                        "",
                        WorkType.FEATURE,
                        "manual",
                        Optional.of("bf/BF-213"),
                        Optional.of("./scripts/validate-local.ps1"),
                        Optional.of(new PullRequest("https://example.com/pr/235", PullRequest.State.MERGED)),
                        List.of(new DoneCriterion("migrations run clean", true)),
                        Optional.of(new PromptContext("./prompts/wi.md", "Establish the persistence layer.")),
                        List.of()));
    }
}
