package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.APPROVAL_REQUESTS;
import static io.buildfactory.persistence.jooq.Tables.PULL_REQUEST_CANDIDATES;
import static io.buildfactory.persistence.jooq.Tables.RUN_CHECKS;

import io.buildfactory.application.orchestration.port.out.ReviewRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.ApprovalState;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CheckStatus;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.InBatches;
import io.buildfactory.persistence.jooq.tables.records.ApprovalRequestsRecord;
import io.buildfactory.persistence.jooq.tables.records.PullRequestCandidatesRecord;
import io.buildfactory.persistence.jooq.tables.records.RunChecksRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;

/** Checks in {@code run_checks}, candidates in {@code pull_request_candidates}, approvals in {@code approval_requests}. */
public final class JooqReviewRepository implements ReviewRepository {

    private final Database db;

    public JooqReviewRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(RunCheck check) {
        unique(() -> db.dsl().executeInsert(toRecord(check)), "run_checks", "check of this run", "name");
    }

    @Override
    public void update(RunCheck check) {
        versioned(toRecord(check), RUN_CHECKS.ID, RUN_CHECKS.VERSION, check.version(), "check", check.id());
    }

    @Override
    public Optional<RunCheck> find(CheckId check) {
        return db.dsl()
                .selectFrom(RUN_CHECKS)
                .where(RUN_CHECKS.ID.eq(check.toString()))
                .fetchOptional(JooqReviewRepository::toDomain);
    }

    @Override
    public Optional<RunCheck> check(RunId run, String name) {
        return db.dsl()
                .selectFrom(RUN_CHECKS)
                .where(RUN_CHECKS.RUN_ID.eq(run.toString()))
                .and(RUN_CHECKS.NAME.eq(name))
                .fetchOptional(JooqReviewRepository::toDomain);
    }

    @Override
    public List<RunCheck> checksOf(Collection<RunId> runs) {
        return InBatches.read(
                runs,
                keys -> db.dsl()
                        .selectFrom(RUN_CHECKS)
                        .where(RUN_CHECKS.RUN_ID.in(keys))
                        .orderBy(RUN_CHECKS.ID)
                        .fetch(JooqReviewRepository::toDomain));
    }

    @Override
    public void insert(PullRequestCandidate candidate) {
        unique(
                () -> db.dsl().executeInsert(toRecord(candidate)),
                "pull_request_candidates",
                "candidate of this assignment",
                "assignment");
    }

    @Override
    public void update(PullRequestCandidate c) {
        versioned(
                toRecord(c),
                PULL_REQUEST_CANDIDATES.ID,
                PULL_REQUEST_CANDIDATES.VERSION,
                c.version(),
                "candidate",
                c.id());
    }

    @Override
    public Optional<PullRequestCandidate> find(CandidateId candidate) {
        return db.dsl()
                .selectFrom(PULL_REQUEST_CANDIDATES)
                .where(PULL_REQUEST_CANDIDATES.ID.eq(candidate.toString()))
                .fetchOptional(JooqReviewRepository::toDomain);
    }

    @Override
    public List<PullRequestCandidate> candidatesOf(Collection<AssignmentId> assignments) {
        return InBatches.read(
                assignments,
                keys -> db.dsl()
                        .selectFrom(PULL_REQUEST_CANDIDATES)
                        .where(PULL_REQUEST_CANDIDATES.ASSIGNMENT_ID.in(keys))
                        .fetch(JooqReviewRepository::toDomain));
    }

    @Override
    public void insert(ApprovalRequest approval) {
        unique(
                () -> db.dsl().executeInsert(toRecord(approval)),
                "approval_requests",
                "open approval request of this candidate",
                "candidate");
    }

    @Override
    public void update(ApprovalRequest a) {
        versioned(toRecord(a), APPROVAL_REQUESTS.ID, APPROVAL_REQUESTS.VERSION, a.version(), "approval", a.id());
    }

    @Override
    public Optional<ApprovalRequest> find(ApprovalId approval) {
        return db.dsl()
                .selectFrom(APPROVAL_REQUESTS)
                .where(APPROVAL_REQUESTS.ID.eq(approval.toString()))
                .fetchOptional(JooqReviewRepository::toDomain);
    }

    @Override
    public List<ApprovalRequest> approvalsOf(Collection<CandidateId> candidates) {
        return InBatches.read(
                candidates,
                keys -> db.dsl()
                        .selectFrom(APPROVAL_REQUESTS)
                        .where(APPROVAL_REQUESTS.CANDIDATE_ID.in(keys))
                        .orderBy(APPROVAL_REQUESTS.ID)
                        .fetch(JooqReviewRepository::toDomain));
    }

    @Override
    public List<ApprovalRequest> overdueApprovals(Instant now, int limit) {
        return db.dsl()
                .selectFrom(APPROVAL_REQUESTS)
                .where(APPROVAL_REQUESTS.STATE.eq(ApprovalState.REQUESTED.code()))
                .and(APPROVAL_REQUESTS.EXPIRES_AT.le(now))
                .orderBy(APPROVAL_REQUESTS.EXPIRES_AT)
                .limit(limit)
                .fetch(JooqReviewRepository::toDomain);
    }

    private static void unique(IntSupplier insert, String table, String what, String field) {
        try {
            insert.getAsInt();
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, table)) {
                throw ConflictException.duplicate(what, field);
            }
            throw e;
        }
    }

    /** Writes the record over the one at the version before it; none there is a stale write. */
    private <R extends TableRecord<R>> void versioned(
            R record, TableField<R, String> id, TableField<R, Long> version, long next, String what, Object key) {
        record.changed(id, false);
        int rows = db.dsl()
                .update(record.getTable())
                .set(record)
                .where(id.eq(key.toString()))
                .and(version.eq(next - 1))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion(what, key, next - 1);
        }
    }

    private static RunChecksRecord toRecord(RunCheck c) {
        return new RunChecksRecord(
                c.id().toString(),
                c.run().toString(),
                c.name(),
                c.status().code(),
                c.required(),
                c.detailsUrl().orElse(null),
                c.createdAt(),
                c.startedAt().orElse(null),
                c.completedAt().orElse(null),
                c.version());
    }

    private static RunCheck toDomain(RunChecksRecord r) {
        return new RunCheck(
                CheckId.parse(r.getId()),
                RunId.parse(r.getRunId()),
                r.getName(),
                CheckStatus.parse(r.getStatus()),
                r.getRequired(),
                Optional.ofNullable(r.getDetailsUrl()),
                r.getCreatedAt(),
                Optional.ofNullable(r.getStartedAt()),
                Optional.ofNullable(r.getCompletedAt()),
                r.getVersion());
    }

    private static PullRequestCandidatesRecord toRecord(PullRequestCandidate c) {
        return new PullRequestCandidatesRecord(
                c.id().toString(),
                c.assignment().toString(),
                c.branch(),
                c.title(),
                c.body(),
                c.state().code(),
                c.url().orElse(null),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    private static PullRequestCandidate toDomain(PullRequestCandidatesRecord r) {
        return new PullRequestCandidate(
                CandidateId.parse(r.getId()),
                AssignmentId.parse(r.getAssignmentId()),
                r.getBranch(),
                r.getTitle(),
                r.getBody(),
                CandidateState.parse(r.getState()),
                Optional.ofNullable(r.getUrl()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }

    private static ApprovalRequestsRecord toRecord(ApprovalRequest a) {
        return new ApprovalRequestsRecord(
                a.id().toString(),
                a.candidate().toString(),
                a.requestedBy().toString(),
                a.state().code(),
                a.decidedBy().map(UserId::toString).orElse(null),
                a.reason().orElse(null),
                a.requestedAt(),
                a.expiresAt(),
                a.decidedAt().orElse(null),
                a.version());
    }

    private static ApprovalRequest toDomain(ApprovalRequestsRecord r) {
        return new ApprovalRequest(
                ApprovalId.parse(r.getId()),
                CandidateId.parse(r.getCandidateId()),
                UserId.parse(r.getRequestedBy()),
                ApprovalState.parse(r.getState()),
                Optional.ofNullable(r.getDecidedBy()).map(UserId::parse),
                Optional.ofNullable(r.getReason()),
                r.getRequestedAt(),
                r.getExpiresAt(),
                Optional.ofNullable(r.getDecidedAt()),
                r.getVersion());
    }
}
