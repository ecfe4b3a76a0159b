package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.AGENT_COMMITS;
import static io.buildfactory.persistence.jooq.Tables.AGENT_EXECUTIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CommitId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.WriteLease;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DomainJson;
import io.buildfactory.persistence.InBatches;
import io.buildfactory.persistence.jooq.tables.records.AgentCommitsRecord;
import io.buildfactory.persistence.jooq.tables.records.AgentExecutionsRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/** Executions in {@code agent_executions} (one running per assignment, by a partial unique index), commits in
 * {@code agent_commits} with their files as JSON. */
public final class JooqExecutionRepository implements ExecutionRepository {

    private static final TypeReference<List<AgentCommit.FileChange>> FILES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;

    public JooqExecutionRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(AgentExecution execution) {
        try {
            db.dsl().executeInsert(toRecord(execution));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "agent_executions_one_running_key")
                    || Constraints.isUniqueViolation(e, "agent_executions.assignment_id")) {
                throw ConflictException.duplicate("running execution of this assignment", "assignment");
            }
            throw e;
        }
    }

    @Override
    public void update(AgentExecution e) {
        int rows = db.dsl()
                .update(AGENT_EXECUTIONS)
                .set(AGENT_EXECUTIONS.STATUS, e.status().code())
                .set(AGENT_EXECUTIONS.HEARTBEAT_AT, e.heartbeatAt())
                .set(AGENT_EXECUTIONS.DEADLINE_AT, e.deadline())
                .set(AGENT_EXECUTIONS.FINISHED_AT, e.finishedAt().orElse(null))
                .set(AGENT_EXECUTIONS.EXIT_REASON, e.exitReason().orElse(null))
                .set(AGENT_EXECUTIONS.INPUT_TOKENS, e.usage().inputTokens())
                .set(AGENT_EXECUTIONS.OUTPUT_TOKENS, e.usage().outputTokens())
                .set(AGENT_EXECUTIONS.COST_MICROS, e.usage().costMicros())
                .set(AGENT_EXECUTIONS.VERSION, e.version())
                .where(AGENT_EXECUTIONS.ID.eq(e.id().toString()))
                .and(AGENT_EXECUTIONS.VERSION.eq(e.version() - 1))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("execution", e.id(), e.version() - 1);
        }
    }

    @Override
    public Optional<AgentExecution> find(ExecutionId execution) {
        return db.dsl()
                .selectFrom(AGENT_EXECUTIONS)
                .where(AGENT_EXECUTIONS.ID.eq(execution.toString()))
                .fetchOptional(JooqExecutionRepository::toDomain);
    }

    @Override
    public List<AgentExecution> executionsOf(Collection<AssignmentId> assignments) {
        return InBatches.read(
                assignments,
                keys -> db.dsl()
                        .selectFrom(AGENT_EXECUTIONS)
                        .where(AGENT_EXECUTIONS.ASSIGNMENT_ID.in(keys))
                        .orderBy(AGENT_EXECUTIONS.ID)
                        .fetch(JooqExecutionRepository::toDomain));
    }

    @Override
    public List<AgentExecution> overdue(Instant now, int limit) {
        return db.dsl()
                .selectFrom(AGENT_EXECUTIONS)
                .where(AGENT_EXECUTIONS.STATUS.eq(ExecutionStatus.RUNNING.code()))
                .and(AGENT_EXECUTIONS.DEADLINE_AT.lt(now))
                .orderBy(AGENT_EXECUTIONS.DEADLINE_AT)
                .limit(limit)
                .fetch(JooqExecutionRepository::toDomain);
    }

    @Override
    public void insert(AgentCommit commit) {
        try {
            db.dsl()
                    .executeInsert(new AgentCommitsRecord(
                            commit.id().toString(),
                            commit.execution().toString(),
                            commit.sha(),
                            commit.message(),
                            commit.author(),
                            JSONB.valueOf(JooqRunRepository.write(commit.files())),
                            JSONB.valueOf(JooqRunRepository.write(commit.offendingPaths())),
                            commit.committedAt(),
                            commit.writtenUnder().map(FencingToken::value).orElse(null)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "agent_commits_execution_sha_key")
                    || Constraints.isUniqueViolation(e, "agent_commits.sha")) {
                throw ConflictException.duplicate("commit of this execution", "sha");
            }
            throw e;
        }
    }

    @Override
    public List<AgentCommit> commitsOf(Collection<ExecutionId> executions) {
        return InBatches.read(
                executions,
                keys -> db.dsl()
                        .selectFrom(AGENT_COMMITS)
                        .where(AGENT_COMMITS.EXECUTION_ID.in(keys))
                        .orderBy(AGENT_COMMITS.COMMITTED_AT, AGENT_COMMITS.ID)
                        .fetch(JooqExecutionRepository::toDomain));
    }

    @Override
    public List<AgentCommit> commitsWithSha(String sha) {
        return db.dsl()
                .selectFrom(AGENT_COMMITS)
                .where(AGENT_COMMITS.SHA.eq(sha))
                .orderBy(AGENT_COMMITS.ID)
                .fetch(JooqExecutionRepository::toDomain);
    }

    private static AgentExecutionsRecord toRecord(AgentExecution e) {
        return new AgentExecutionsRecord(
                e.id().toString(),
                e.assignment().toString(),
                e.agent().toString(),
                e.status().code(),
                e.startedAt(),
                e.heartbeatAt(),
                e.deadline(),
                e.finishedAt().orElse(null),
                e.exitReason().orElse(null),
                e.usage().inputTokens(),
                e.usage().outputTokens(),
                e.usage().costMicros(),
                e.version(),
                e.writeLease().map(l -> l.repository().toString()).orElse(null),
                e.writeLease().map(l -> l.token().value()).orElse(null));
    }

    private static AgentExecution toDomain(AgentExecutionsRecord r) {
        return new AgentExecution(
                ExecutionId.parse(r.getId()),
                AssignmentId.parse(r.getAssignmentId()),
                UserId.parse(r.getAgentId()),
                ExecutionStatus.parse(r.getStatus()),
                r.getStartedAt(),
                r.getHeartbeatAt(),
                r.getDeadlineAt(),
                Optional.ofNullable(r.getFinishedAt()),
                Optional.ofNullable(r.getExitReason()),
                new AgentExecution.Usage(r.getInputTokens(), r.getOutputTokens(), r.getCostMicros()),
                r.getVersion(),
                Optional.ofNullable(r.getRepositoryId())
                        .map(repository ->
                                new WriteLease(RepositoryId.parse(repository), new FencingToken(r.getFencingToken()))));
    }

    private static AgentCommit toDomain(AgentCommitsRecord r) {
        try {
            return new AgentCommit(
                    CommitId.parse(r.getId()),
                    ExecutionId.parse(r.getExecutionId()),
                    r.getSha(),
                    r.getMessage(),
                    r.getAuthor(),
                    DomainJson.MAPPER.readValue(r.getFiles().data(), FILES),
                    DomainJson.MAPPER.readValue(r.getOffendingPaths().data(), STRINGS),
                    r.getCommittedAt(),
                    Optional.ofNullable(r.getFencingToken()).map(FencingToken::new));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored commit does not read back", e);
        }
    }
}
