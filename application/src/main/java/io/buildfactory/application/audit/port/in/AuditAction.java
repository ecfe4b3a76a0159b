package io.buildfactory.application.audit.port.in;

import io.buildfactory.domain.workitems.Action;

/**
 * Every action the audit log records: the one catalogue that code writes entries from ({@link AuditTrail}) and
 * that docs/audit.md is held to by a test. A new audited action is a new constant. Stored entries keep the code
 * as text, so entries written by an older build stay readable whatever this catalogue becomes.
 */
public enum AuditAction {
    AUTH_LOGIN(
            "auth.login",
            "A sign-in: the new session on success; the user, when known, on failure; no user when throttled."),
    AUTH_LOGOUT("auth.logout", "A session ended by its user."),
    AUTH_LOGOUT_ALL("auth.logout-all", "Every session of the user ended at their request."),
    AUTH_PASSWORD_CHANGE("auth.password-change", "A password change, or a refused attempt with a wrong password."),
    AUTH_SESSION_EXPIRED("auth.session-expired", "A session found past its idle or absolute limit and ended."),
    USER_CREATE("user.create", "A person or agent account created, with its roles."),
    USER_UPDATE("user.update", "A user's name, email or status changed."),
    USER_DISABLE("user.disable", "A user disabled; their sessions and tokens stop working."),
    USER_ERASE("user.erase", "A user's personal data and owned conversations erased."),
    IDENTITY_LINK("identity.link", "An external identity linked to a user."),
    IDENTITY_UNLINK("identity.unlink", "An external identity unlinked."),
    TOKEN_ISSUE("token.issue", "An API token issued to an agent."),
    TOKEN_REVOKE("token.revoke", "An agent's API token revoked."),
    ROLE_CREATE("role.create", "A role created with its permissions."),
    ROLE_PERMISSION_GRANT("role.permission-grant", "A permission added to a role."),
    ROLE_PERMISSION_REVOKE("role.permission-revoke", "A permission taken from a role."),
    ROLE_ASSIGN("role.assign", "A role given to a user."),
    ROLE_UNASSIGN("role.unassign", "A role taken from a user; their sessions end."),
    JOB_CANCEL("job.cancel", "A job cancelled by an operator."),
    JOB_RETRY("job.retry", "A failed or dead job queued again by an operator."),
    WORK_ITEM_CREATE("work-item.create", "A work item created."),
    WORK_ITEM_UPDATE("work-item.update", "A work item's fields changed."),
    WORK_ITEM_MARK_READY("work-item.mark-ready", "The action applied, or refused (denied) with its reason."),
    WORK_ITEM_START_EXECUTION("work-item.start-execution", "The action applied, or refused with its reason."),
    WORK_ITEM_REQUEST_REVIEW("work-item.request-review", "The action applied, or refused with its reason."),
    WORK_ITEM_COMPLETE("work-item.complete", "The action applied, or refused with its reason."),
    WORK_ITEM_PREPARE_RELEASE("work-item.prepare-release", "The action applied, or refused with its reason."),
    WORK_ITEM_RECORD_HISTORY("work-item.record-history", "The action applied, or refused with its reason."),
    WORK_ITEM_BLOCK("work-item.block", "The action applied, or refused with its reason."),
    WORK_ITEM_UNBLOCK("work-item.unblock", "The action applied, or refused with its reason."),
    POLICY_CHANGE("policy.change", "A project's policy profile replaced by a new version."),
    PROJECT_CREATE("project.create", "A project created, with its key."),
    PROJECT_UPDATE("project.update", "A project's name, description, repository or default branch changed."),
    PROJECT_MEMBER_ADD("project.member-add", "A user given a role in a project."),
    PROJECT_MEMBER_REMOVE("project.member-remove", "A user's role in a project taken away."),
    WORK_ITEM_LINK_CARD("work-item.link-card", "A work item linked to the card it came from, or unlinked."),
    RUN_START("run.start", "A run of a workflow or a card queued, with its cards' assignments."),
    RUN_CANCEL("run.cancel", "A run cancelled, with its open assignments and executions."),
    EXECUTION_CLAIM("execution.claim", "An agent claimed an assignment: its execution began."),
    EXECUTION_FINISH("execution.finish", "An execution ended as its agent reported: succeeded or failed."),
    EXECUTION_LOST(
            "execution.lost", "An execution whose agent stopped reporting, marked lost; its assignment queued again."),
    COMMIT_REPORT("commit.report", "A commit an execution produced, with whether it touched paths it may not."),
    CHECK_REPORT("check.report", "A run's check reported: its status and whether the profile requires it."),
    CANDIDATE_DRAFT("candidate.draft", "A pull-request candidate drafted for an assignment."),
    CANDIDATE_MOVE(
            "candidate.move",
            "A candidate moved (ready, opened, merged, closed); refused moves are denied with the gates that stopped them."),
    APPROVAL_REQUEST("approval.request", "An approval of a candidate requested; refused when its gates stop it."),
    APPROVAL_DECIDE("approval.decide", "An approval request approved or rejected by a person other than the agent."),
    MEMORY_CREATE(
            "memory.create", "A memory unit written, with its kind, source, scopes and what was redacted or sealed."),
    MEMORY_RELATE("memory.relate", "A memory unit related to one more scope (a workflow, card or run of its project)."),
    MEMORY_UNRELATE("memory.unrelate", "A memory unit's relation to a scope removed."),
    MEMORY_DELETE(
            "memory.delete",
            "A memory unit deleted and gone from search; the entry is its tombstone: kind, source, author, time and"
                    + " the SHA-256 of its content."),
    REPOSITORY_CREATE("repository.create", "A code repository created in a project, with its name."),
    REPOSITORY_UPDATE(
            "repository.update",
            "A repository's settings changed under its lease; refused writes are denied, with the token."),
    LEASE_ACQUIRE(
            "lease.acquire",
            "A repository's lease granted, with its fencing token; refused (denied) while someone holds it."),
    LEASE_EXPIRE(
            "lease.expire",
            "A repository's lease that ran out unreleased, recorded by the system with its holder and token."),
    LEASE_RELEASE("lease.release", "A repository's lease released by its holder; refused (denied) with a stale token."),
    OBJECT_PUT("object.put", "An object's metadata written under the repository's lease, with its oid and token."),
    RELATIONSHIP_ADD(
            "relationship.add", "A repository related to another (fork-of, mirror-of, depends-on) under its lease."),
    RELATIONSHIP_REMOVE("relationship.remove", "A repository's relationship to another removed under its lease."),
    MIRROR_ADD("mirror.add", "A mirror added to a repository under its lease, with its remote and direction."),
    MIRROR_UPDATE(
            "mirror.update", "A mirror's interval, prune or enabled setting changed under the repository's lease."),
    MIRROR_REMOVE("mirror.remove", "A mirror removed from a repository under its lease."),
    MIRROR_SYNC_REQUEST("mirror.sync-request", "Someone asked for a mirror to sync now."),
    MIRROR_SYNC(
            "mirror.sync",
            "A mirror's sync by the system that changed refs, failed, or recovered: with the refs changed or the"
                    + " error."),
    APPROVAL_EXPIRE(
            "approval.expire", "An approval request nobody decided before its expiry, marked expired by the system."),
    APPROVAL_WITHDRAW("approval.withdraw", "An approval request withdrawn."),
    PLANNING_ACTION(
            "planning.action",
            "A planning change applied to a project: its type, the sequence number it took and the object."),
    CONVERSATION_CREATE("conversation.create", "A conversation started, with the kinds found in its title."),
    CONVERSATION_RENAME("conversation.rename", "A conversation renamed."),
    CONVERSATION_SHARE("conversation.share", "A participant added or their role changed."),
    CONVERSATION_UNSHARE("conversation.unshare", "A participant removed."),
    CONVERSATION_DELETE("conversation.delete", "A conversation deleted, to be purged after the grace period."),
    CONVERSATION_LEGAL_HOLD("conversation.legal-hold", "A legal hold placed, with its reason."),
    CONVERSATION_LEGAL_HOLD_LIFTED("conversation.legal-hold-lifted", "A legal hold lifted, with its reason."),
    CONVERSATION_REVEAL("conversation.reveal", "Sealed content of an exchange revealed, with kinds and counts."),
    CONVERSATION_READ_ANY("conversation.read-any", "A conversation read by a non-participant, with their reason."),
    CONVERSATION_EXPORT_ALL("conversation.export-all", "Every conversation of a user exported."),
    CONVERSATION_PURGE("conversation.purge", "A conversation removed for good: its tombstone, counts only."),
    RETENTION_POLICY_PUT("retention-policy.put", "A retention policy set for a scope."),
    RETENTION_POLICY_REMOVE("retention-policy.remove", "A retention policy removed.");

    private final String code;
    private final String meaning;

    AuditAction(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The action as stored and filtered on, e.g. {@code auth.login}. */
    public String code() {
        return code;
    }

    /** What an entry with this action records, as docs/audit.md says it. */
    public String meaning() {
        return meaning;
    }

    /** The entry of a work-item action, applied or refused. */
    public static AuditAction of(Action action) {
        return switch (action) {
            case MARK_READY -> WORK_ITEM_MARK_READY;
            case START_EXECUTION -> WORK_ITEM_START_EXECUTION;
            case REQUEST_REVIEW -> WORK_ITEM_REQUEST_REVIEW;
            case COMPLETE -> WORK_ITEM_COMPLETE;
            case PREPARE_RELEASE -> WORK_ITEM_PREPARE_RELEASE;
            case RECORD_HISTORY -> WORK_ITEM_RECORD_HISTORY;
            case BLOCK -> WORK_ITEM_BLOCK;
            case UNBLOCK -> WORK_ITEM_UNBLOCK;
        };
    }
}
