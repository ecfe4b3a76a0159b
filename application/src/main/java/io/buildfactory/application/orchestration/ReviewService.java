package io.buildfactory.application.orchestration;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.application.orchestration.port.out.ReviewRepository;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.ApprovalState;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CheckStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.workitems.ActionBlockedException;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.GateVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks, candidates and approvals. The gates that hold a candidate back are the run's required checks (all
 * passed) and its assignment's commits (none flagged); they answer like the work-item gates, with cause, policy,
 * next step and whether a retry is safe, under the version of the profile the run was given.
 */
public final class ReviewService implements ReviewWorkUseCase {

    /** How long an approval request stays open before nobody can decide it any more. */
    static final Duration APPROVAL_TTL = Duration.ofDays(7);

    private final ProjectAccess access;
    private final RunRepository runs;
    private final ExecutionRepository executions;
    private final ReviewRepository reviews;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public ReviewService(
            ProjectAccess access,
            RunRepository runs,
            ExecutionRepository executions,
            ReviewRepository reviews,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.access = access;
        this.runs = runs;
        this.executions = executions;
        this.reviews = reviews;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    private Instant now() {
        return Timestamps.stored(clock.instant());
    }

    @Override
    public RunCheck reportCheck(Actor actor, RunId id, String name, CheckStatus status, Optional<String> url) {
        OrchestrationRun run = runs.find(id).orElseThrow(() -> new NotFoundException("run", id));
        ProjectKey key = within(actor, run, Permissions.RUN_EXECUTE, () -> new NotFoundException("run", id));
        RunCheck reported = transactions.inTransaction(() -> {
            Instant now = now();
            Optional<RunCheck> existing = reviews.check(id, name.strip());
            RunCheck check = existing.orElseGet(() -> RunCheck.open(
                    new CheckId(ids.next()),
                    id,
                    name,
                    run.inputs().profile().requiredChecks().contains(name.strip()),
                    now));
            if (existing.isEmpty()) {
                reviews.insert(check);
            }
            RunCheck next =
                    status == CheckStatus.PENDING && existing.isEmpty() ? check : check.moveTo(status, url, now);
            if (next != check) {
                reviews.update(next);
            }
            audit.success(
                    actor,
                    AuditAction.CHECK_REPORT,
                    AuditTarget.run(id),
                    Map.of(
                            "check",
                            next.name(),
                            "status",
                            next.status().code(),
                            "required",
                            Boolean.toString(next.required())));
            return next;
        });
        telemetry.emit(
                ServerEvent.CHECK_REPORTED,
                actor,
                Map.of("project", key.value(), "status", reported.status().code(), "required", reported.required()));
        return reported;
    }

    @Override
    public PullRequestCandidate draft(Actor actor, AssignmentId id, String title, String body) {
        CardAssignment assignment = runs.find(id).orElseThrow(() -> new NotFoundException("assignment", id));
        OrchestrationRun run = runs.find(assignment.run()).orElseThrow();
        ProjectKey key = within(actor, run, Permissions.RUN_EXECUTE, () -> new NotFoundException("assignment", id));
        PullRequestCandidate candidate = PullRequestCandidate.draft(
                new CandidateId(ids.next()), id, assignment.featureBranch(), title, body, now());
        transactions.inTransaction(() -> {
            reviews.insert(candidate);
            audit.success(
                    actor,
                    AuditAction.CANDIDATE_DRAFT,
                    AuditTarget.run(run.id()),
                    Map.of("candidate", candidate.id().toString(), "assignment", id.toString()));
        });
        telemetry.emit(ServerEvent.CANDIDATE_MOVED, actor, Map.of("project", key.value(), "state", "draft"));
        return candidate;
    }

    @Override
    public PullRequestCandidate move(
            Actor actor, CandidateId id, CandidateState next, Optional<String> url, long version) {
        Context c = context(id);
        ProjectKey key = within(actor, c.run(), Permissions.RUN_EXECUTE, () -> new NotFoundException("candidate", id));
        if (next == CandidateState.READY || next == CandidateState.OPENED) {
            // opening is gated again: commits may have come since it went ready
            refuseWhenGated(
                    actor,
                    c,
                    AuditAction.CANDIDATE_MOVE,
                    next == CandidateState.READY ? "Marking the candidate ready" : "Opening the pull request");
        }
        if (next == CandidateState.MERGED
                && reviews.approvalsOf(id).stream().noneMatch(a -> a.state() == ApprovalState.APPROVED)) {
            throw new RuleViolationException(
                    "not-approved", "a candidate is merged only after a person approved it: request an approval");
        }
        PullRequestCandidate moved = transactions.inTransaction(() -> {
            PullRequestCandidate current = reviews.find(id).orElseThrow(() -> new NotFoundException("candidate", id));
            if (current.version() != version) {
                throw ConflictException.staleVersion("candidate", id, version);
            }
            PullRequestCandidate n = current.moveTo(next, url, now());
            reviews.update(n);
            audit.success(
                    actor,
                    AuditAction.CANDIDATE_MOVE,
                    AuditTarget.run(c.run().id()),
                    Map.of("candidate", id.toString(), "state", next.code()));
            return n;
        });
        telemetry.emit(ServerEvent.CANDIDATE_MOVED, actor, Map.of("project", key.value(), "state", next.code()));
        return moved;
    }

    @Override
    public ApprovalRequest requestApproval(Actor actor, CandidateId id) {
        Context c = context(id);
        ProjectKey key = within(actor, c.run(), Permissions.RUN_EXECUTE, () -> new NotFoundException("candidate", id));
        if (c.candidate().state() != CandidateState.READY && c.candidate().state() != CandidateState.OPENED) {
            throw new RuleViolationException(
                    "candidate-not-ready",
                    "approval is asked of a ready or opened candidate; this one is "
                            + c.candidate().state().code());
        }
        refuseWhenGated(actor, c, AuditAction.APPROVAL_REQUEST, "Requesting approval");
        Instant now = now();
        ApprovalRequest request =
                ApprovalRequest.request(new ApprovalId(ids.next()), id, actor.userId(), now, now.plus(APPROVAL_TTL));
        transactions.inTransaction(() -> {
            // a request nobody decided in time is expired, which frees the candidate's one open slot
            for (ApprovalRequest open : reviews.approvalsOf(id)) {
                if (open(open) && !now.isBefore(open.expiresAt())) {
                    try {
                        reviews.update(open.expire(now));
                        auditExpiry(open, c.run(), actor.request());
                    } catch (ConflictException expiredMeanwhile) {
                        // the approvals.expire job got there first: the slot is free all the same
                    }
                }
            }
            reviews.insert(request);
            audit.success(
                    actor,
                    AuditAction.APPROVAL_REQUEST,
                    AuditTarget.run(c.run().id()),
                    Map.of("candidate", id.toString(), "approval", request.id().toString()));
        });
        telemetry.emit(ServerEvent.APPROVAL_REQUESTED, actor, Map.of("project", key.value()));
        return request;
    }

    @Override
    public ApprovalRequest decide(Actor actor, ApprovalId id, boolean approve, Optional<String> reason) {
        ApprovalRequest found = reviews.find(id).orElseThrow(() -> new NotFoundException("approval", id));
        Context c = context(found.candidate());
        ProjectKey key =
                within(actor, c.run(), Permissions.REVIEW_APPROVE, () -> new NotFoundException("approval", id));
        if (c.candidate().state() != CandidateState.READY && c.candidate().state() != CandidateState.OPENED) {
            throw new RuleViolationException(
                    "candidate-not-ready",
                    "only a ready or opened candidate is decided; this one is "
                            + c.candidate().state().code());
        }
        ApprovalRequest decided = transactions.inTransaction(() -> {
            ApprovalRequest current = reviews.find(id).orElseThrow();
            if (current.requestedBy().equals(actor.userId())) {
                throw new RuleViolationException("four-eyes", "whoever asked for the approval cannot give it");
            }
            if (authorsOf(c.assignment()).contains(actor.userId())) {
                throw new RuleViolationException(
                        "four-eyes", "an agent that executed the assignment cannot approve or reject its work");
            }
            ApprovalRequest next = current.decide(approve, actor.userId(), current.requestedBy(), reason, now());
            reviews.update(next);
            audit.success(
                    actor,
                    AuditAction.APPROVAL_DECIDE,
                    AuditTarget.run(c.run().id()),
                    Map.of("approval", id.toString(), "state", next.state().code()));
            return next;
        });
        telemetry.emit(
                ServerEvent.APPROVAL_DECIDED,
                actor,
                Map.of("project", key.value(), "state", decided.state().code()));
        return decided;
    }

    @Override
    public ApprovalRequest withdraw(Actor actor, ApprovalId id, Optional<String> reason) {
        ApprovalRequest found = reviews.find(id).orElseThrow(() -> new NotFoundException("approval", id));
        Context c = context(found.candidate());
        within(actor, c.run(), Permissions.RUN_EXECUTE, () -> new NotFoundException("approval", id));
        if (!found.requestedBy().equals(actor.userId())) {
            throw ForbiddenException.because("only whoever asked for the approval withdraws it");
        }
        return transactions.inTransaction(() -> {
            ApprovalRequest next = reviews.find(id).orElseThrow().withdraw(reason, now());
            reviews.update(next);
            audit.success(
                    actor,
                    AuditAction.APPROVAL_WITHDRAW,
                    AuditTarget.run(c.run().id()),
                    Map.of("approval", id.toString()));
            return next;
        });
    }

    /** Everyone whose work the candidate is: every agent that executed the assignment, lost attempts included. */
    private List<UserId> authorsOf(CardAssignment assignment) {
        return executions.executionsOf(assignment.id()).stream()
                .map(AgentExecution::agent)
                .distinct()
                .toList();
    }

    private record Context(PullRequestCandidate candidate, CardAssignment assignment, OrchestrationRun run) {}

    private Context context(CandidateId id) {
        PullRequestCandidate candidate = reviews.find(id).orElseThrow(() -> new NotFoundException("candidate", id));
        CardAssignment assignment = runs.find(candidate.assignment()).orElseThrow();
        return new Context(candidate, assignment, runs.find(assignment.run()).orElseThrow());
    }

    /** The candidate's gates; a stopping verdict is refused with all verdicts, and the refusal audited. */
    private void refuseWhenGated(Actor actor, Context c, AuditAction action, String what) {
        List<GateVerdict> verdicts = List.of(requiredChecks(c.run()), commitPaths(c.assignment()));
        if (verdicts.stream().anyMatch(GateVerdict::stops)) {
            transactions.inTransaction(() -> audit.record(
                    new AuditTrail.Entry(
                            AuditActor.of(actor),
                            action,
                            AuditTarget.run(c.run().id()),
                            AuditOutcome.DENIED,
                            Map.of(
                                    "candidate",
                                    c.candidate().id().toString(),
                                    "gates",
                                    String.join(
                                            ",",
                                            verdicts.stream()
                                                    .filter(GateVerdict::stops)
                                                    .map(v -> v.gate().code())
                                                    .toList()))),
                    actor.request()));
            throw new ActionBlockedException(
                    what, verdicts, c.run().inputs().profile().version());
        }
    }

    private GateVerdict requiredChecks(OrchestrationRun run) {
        List<RunCheck> checks = reviews.checksOf(run.id());
        List<String> missing = run.inputs().profile().requiredChecks().stream()
                .filter(name ->
                        checks.stream().noneMatch(c -> c.name().equals(name) && c.status() == CheckStatus.PASSED))
                .toList();
        if (missing.isEmpty()) {
            return GateVerdict.pass(Gate.REQUIRED_CHECKS);
        }
        return GateVerdict.blocked(
                Gate.REQUIRED_CHECKS,
                "Required checks have not passed: " + String.join(", ", missing) + ".",
                "The project's policy profile requires these checks to pass on the run before review.",
                "Run the checks and report each as passed (POST /api/runs/{id}/checks).",
                "Retry once every required check has passed.");
    }

    private GateVerdict commitPaths(CardAssignment assignment) {
        List<String> offending = executions.executionsOf(assignment.id()).stream()
                .flatMap(e -> executions.commitsOf(e.id()).stream())
                .flatMap(c -> c.offendingPaths().stream())
                .distinct()
                .toList();
        if (offending.isEmpty()) {
            return GateVerdict.pass(Gate.COMMIT_PATHS);
        }
        return GateVerdict.blocked(
                Gate.COMMIT_PATHS,
                "Commits touched paths the assignment may not: " + String.join(", ", offending) + ".",
                "The assignment's allowed paths and the profile's forbidden paths bound what an agent may change.",
                "Revert those changes in a new execution of the card, or widen the policy profile if they belong.",
                "Do not retry with these commits: a retry stays blocked until the flagged paths are gone.");
    }

    private ProjectKey within(
            Actor actor, OrchestrationRun run, Permission permission, Supplier<NotFoundException> hidden) {
        ProjectKey key = access.find(run.project()).map(Project::key).orElseThrow(hidden);
        access.in(actor, key).orElseThrow(hidden).require(permission);
        return key;
    }

    @Override
    public int expireOverdue() {
        int expired = 0;
        for (ApprovalRequest overdue : reviews.overdueApprovals(now(), EXPIRE_BATCH)) {
            RequestContext request = RequestContext.system(ids.next().value());
            Optional<ProjectKey> project;
            try {
                project = transactions.inTransaction(() -> {
                    ApprovalRequest current = reviews.find(overdue.id()).orElseThrow();
                    Instant now = now();
                    if (!open(current) || now.isBefore(current.expiresAt())) {
                        return Optional.<ProjectKey>empty(); // decided or withdrawn meanwhile
                    }
                    reviews.update(current.expire(now));
                    Context c = context(current.candidate());
                    auditExpiry(current, c.run(), request);
                    return access.find(c.run().project()).map(Project::key);
                });
            } catch (ConflictException decidedMeanwhile) {
                continue; // a decision came in between: it stands, and the rest still expire
            }
            if (project.isPresent()) {
                expired++;
                telemetry.emit(
                        ServerEvent.APPROVAL_DECIDED,
                        Optional.empty(),
                        Optional.empty(),
                        request,
                        Map.of("project", project.get().value(), "state", "expired"));
            }
        }
        return expired;
    }

    static final int EXPIRE_BATCH = 100;

    /** Every expiry is audited as the system's, whether the sweep or a new request found it. */
    private void auditExpiry(ApprovalRequest expired, OrchestrationRun run, RequestContext request) {
        audit.record(
                new AuditTrail.Entry(
                        AuditActor.SYSTEM,
                        AuditAction.APPROVAL_EXPIRE,
                        AuditTarget.run(run.id()),
                        AuditOutcome.SUCCESS,
                        Map.of(
                                "approval", expired.id().toString(),
                                "candidate", expired.candidate().toString(),
                                "expiresAt", expired.expiresAt().toString())),
                request);
    }

    static boolean open(ApprovalRequest a) {
        return a.state() == ApprovalState.REQUESTED;
    }
}
