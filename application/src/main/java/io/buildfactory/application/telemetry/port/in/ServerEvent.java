package io.buildfactory.application.telemetry.port.in;

import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.workitems.Action;
import java.util.List;

/**
 * Every telemetry event the service emits, with the payload keys each carries: the one catalogue that code emits
 * from ({@link Telemetry#emit}) and that docs/telemetry.md is held to by a test. A new event is a new constant.
 */
public enum ServerEvent {
    AUTH_LOGIN("action.auth.login", "idleTimeoutSeconds"),
    AUTH_LOGIN_FAILED("action.auth.login-failed"),
    AUTH_LOGOUT("action.auth.logout"),
    AUTH_LOGOUT_ALL("action.auth.logout-all", "sessions"),
    AUTH_PASSWORD_CHANGED("action.auth.password-changed", "otherSessionsEnded"),
    AUTH_SESSION_EXPIRED("action.auth.session-expired"),
    USER_CREATED("action.user.created", "kind", "roles"),
    USER_UPDATED("action.user.updated", "status"),
    USER_DISABLED("action.user.disabled", "status"),
    USER_ERASED("action.user.erased", "conversations", "exchanges"),
    IDENTITY_LINKED("action.identity.linked", "provider"),
    IDENTITY_UNLINKED("action.identity.unlinked", "provider"),
    TOKEN_ISSUED("action.token.issued"),
    TOKEN_REVOKED("action.token.revoked"),
    ROLE_CREATED("action.role.created", "role"),
    ROLE_PERMISSION_GRANTED("action.role.permission-granted", "role", "permission"),
    ROLE_PERMISSION_REVOKED("action.role.permission-revoked", "role", "permission"),
    ROLE_ASSIGNED("action.role.assigned", "role"),
    ROLE_UNASSIGNED("action.role.unassigned", "role"),
    PROJECT_CREATED("action.project.created", "project"),
    PROJECT_UPDATED("action.project.updated", "project", "version"),
    PROJECT_MEMBER_ADDED("action.project.member-added", "project", "role"),
    PROJECT_MEMBER_REMOVED("action.project.member-removed", "project", "role"),
    PLANNING_ACTION_APPLIED("action.planning.applied", "project", "type", "sequence"),
    RUN_QUEUED("launch.run.queued", "project", "scope", "cards"),
    RUN_CANCELLED("launch.run.cancelled", "project"),
    RUN_FINISHED("launch.run.finished", "project", "status"),
    EXECUTION_CLAIMED("launch.execution.claimed", "project"),
    EXECUTION_FINISHED("launch.execution.finished", "project", "status"),
    EXECUTION_LOST("launch.execution.lost", "project"),
    COMMIT_REPORTED("launch.commit.reported", "project", "files", "flagged"),
    CHECK_REPORTED("review.check.reported", "project", "status", "required"),
    CANDIDATE_MOVED("review.candidate.moved", "project", "state"),
    APPROVAL_REQUESTED("review.approval.requested", "project"),
    APPROVAL_DECIDED("review.approval.decided", "project", "state"),
    REPOSITORY_CREATED("action.repository.created", "project"),
    LEASE_ACQUIRED("action.lease.acquired", "project", "token"),
    LEASE_EXPIRED("action.lease.expired", "project", "token"),
    LEASE_RELEASED("action.lease.released", "project", "token"),
    LEASE_REFUSED("action.lease.refused", "project", "rule"),
    OBJECT_STORED("action.object.stored", "project"),
    RELATIONSHIP_CHANGED("action.relationship.changed", "project", "kind", "change"),
    MIRROR_CHANGED("action.mirror.changed", "project", "direction", "change"),
    MIRROR_SYNCED("action.mirror.synced", "project", "direction", "status", "updated", "deleted", "durationMs"),
    MEMORY_CREATED("action.memory.created", "project", "kind", "scopes"),
    MEMORY_DELETED("action.memory.deleted", "project", "kind"),
    MEMORY_RETRIEVED("launch.memory.retrieved", "project", "terms", "hits"),
    WORK_ITEM_CREATED("action.work-item.created", "workItem", "workType"),
    WORK_ITEM_MARK_READY("action.work-item.mark-ready", "workItem", "lane", "policyVersion"),
    WORK_ITEM_START_EXECUTION("action.work-item.start-execution", "workItem", "lane", "policyVersion"),
    WORK_ITEM_REQUEST_REVIEW("action.work-item.request-review", "workItem", "lane", "policyVersion"),
    WORK_ITEM_COMPLETE("action.work-item.complete", "workItem", "lane", "policyVersion"),
    WORK_ITEM_PREPARE_RELEASE("action.work-item.prepare-release", "workItem", "lane", "policyVersion"),
    WORK_ITEM_RECORD_HISTORY("action.work-item.record-history", "workItem", "lane", "policyVersion"),
    WORK_ITEM_BLOCK("action.work-item.block", "workItem", "lane", "policyVersion"),
    WORK_ITEM_UNBLOCK("action.work-item.unblock", "workItem", "lane", "policyVersion"),
    REVIEW_REQUESTED("review.requested", "workItem", "lane", "policyVersion"),
    REVIEW_COMPLETED("review.completed", "workItem", "lane", "policyVersion"),
    LAUNCH_PREPARED("launch.prepared", "workItem", "passed"),
    CONVERSATION_CREATED("action.conversation.created", "conversation"),
    CONVERSATION_SHARED("action.conversation.shared", "conversation", "role"),
    CONVERSATION_DELETED("action.conversation.deleted", "conversation", "purged"),
    CONVERSATION_READ_ANY("action.conversation.read-any", "conversation", "purpose"),
    CONVERSATION_REVEALED("action.conversation.revealed", "conversation", "exchange"),
    RETENTION_CHANGED("action.retention.changed", "scope", "keepDays"),
    RETENTION_ENFORCED("action.retention.enforced", "purged", "exchanges"),
    EXCHANGE_CREATED("exchange.created", Keys.EXCHANGE),
    EXCHANGE_IN_PROGRESS("exchange.in-progress", Keys.EXCHANGE),
    EXCHANGE_COMPLETED("exchange.completed", Keys.EXCHANGE),
    EXCHANGE_FAILED("exchange.failed", Keys.EXCHANGE),
    EXCHANGE_CANCELLED("exchange.cancelled", Keys.EXCHANGE),
    JOB_SUCCEEDED("job.succeeded", Keys.JOB),
    JOB_FAILED("job.failed", Keys.JOB),
    JOB_DEAD("job.dead", Keys.JOB);

    private static final class Keys {
        static final String[] EXCHANGE = {
            "conversation", "exchange", "sequence", "state", "inputTokens", "outputTokens", "findings"
        };
        static final String[] JOB = {"jobId", "jobType", "attempts", "durationMs", "willRetry"};
    }

    private final String type;
    private final List<String> payloadKeys;

    ServerEvent(String type, String... payloadKeys) {
        this.type = type;
        this.payloadKeys = List.of(payloadKeys);
    }

    /** The event type as stored and queried, e.g. {@code action.auth.login}. */
    public String type() {
        return type;
    }

    /** The keys of the event's payload; nothing else goes in it (never content, tokens or passwords). */
    public List<String> payloadKeys() {
        return payloadKeys;
    }

    /** The event of an applied work-item action. */
    public static ServerEvent of(Action action) {
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

    /** The event of an exchange reaching a state. */
    public static ServerEvent of(ExchangeState state) {
        return switch (state) {
            case PENDING -> EXCHANGE_CREATED;
            case IN_PROGRESS -> EXCHANGE_IN_PROGRESS;
            case COMPLETED -> EXCHANGE_COMPLETED;
            case FAILED -> EXCHANGE_FAILED;
            case CANCELLED -> EXCHANGE_CANCELLED;
        };
    }
}
