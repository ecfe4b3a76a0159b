package io.buildfactory.application.audit.port.in;

import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import java.util.Objects;
import java.util.Optional;

/**
 * What an audit entry is about: a kind of object and, when there is one, its id. Services build targets through
 * the factories below, from typed ids, so a target's type and the id beside it cannot disagree; the constructor
 * stays open for tests and tools that replay entries of their own.
 */
public record AuditTarget(String type, Optional<String> id) {

    public AuditTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    private static AuditTarget of(String type, Object id) {
        return new AuditTarget(type, Optional.of(id.toString()));
    }

    public static AuditTarget user(UserId id) {
        return of("user", id);
    }

    /** A user the request named but who could not be found (a sign-in for an unknown name). */
    public static AuditTarget unknownUser() {
        return new AuditTarget("user", Optional.empty());
    }

    public static AuditTarget session(SessionId id) {
        return of("session", id);
    }

    public static AuditTarget role(RoleId id) {
        return of("role", id);
    }

    public static AuditTarget apiToken(ApiTokenId id) {
        return of("api-token", id);
    }

    public static AuditTarget job(JobId id) {
        return of("job", id);
    }

    public static AuditTarget workItem(WorkItemId id) {
        return of("work-item", id);
    }

    public static AuditTarget run(io.buildfactory.domain.orchestration.RunId id) {
        return of("run", id);
    }

    public static AuditTarget execution(io.buildfactory.domain.orchestration.ExecutionId id) {
        return of("execution", id);
    }

    public static AuditTarget memoryUnit(io.buildfactory.domain.memory.MemoryUnitId id) {
        return of("memory-unit", id);
    }

    public static AuditTarget repository(io.buildfactory.domain.repositories.RepositoryId id) {
        return of("repository", id);
    }

    public static AuditTarget project(ProjectKey key) {
        return of("project", key.value());
    }

    public static AuditTarget conversation(ConversationId id) {
        return of("conversation", id);
    }

    public static AuditTarget retentionPolicy(RetentionPolicyId id) {
        return of("retention-policy", id);
    }
}
