package io.buildfactory.application.orchestration;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.ViewRunsUseCase;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.application.orchestration.port.out.ReviewRepository;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.in.WriteUnderLeaseUseCase;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.AssignmentStatus;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CommitId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.orchestration.RunStatus;
import io.buildfactory.domain.orchestration.WriteLease;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs and what agents do with them. A run freezes its inputs when queued and gives each card an assignment;
 * agents claim assignments one at a time (a row lock with {@code SKIP LOCKED}, and a unique index on running
 * executions behind it), heartbeat before their deadline, report commits (flagged against the assignment's
 * allowed paths and the profile's forbidden ones) and end their execution; the run ends with its last
 * assignment. An execution whose agent went quiet is reaped as lost and its assignment queued again.
 */
public final class OrchestrationService implements StartRunUseCase, ExecuteAssignmentsUseCase, ViewRunsUseCase {

    /** How long an agent has between heartbeats before its execution is lost. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    static final int REAP_BATCH = 100;

    private final ProjectAccess access;
    private final ViewPlanUseCase plan;
    private final RunRepository runs;
    private final ExecutionRepository executions;
    private final ReviewRepository reviews;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration lease;
    private final WriteUnderLeaseUseCase leases;

    public OrchestrationService(
            ProjectAccess access,
            ViewPlanUseCase plan,
            RunRepository runs,
            ExecutionRepository executions,
            ReviewRepository reviews,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            Duration lease,
            WriteUnderLeaseUseCase leases) {
        this.access = access;
        this.plan = plan;
        this.runs = runs;
        this.executions = executions;
        this.reviews = reviews;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.lease = lease;
        this.leases = leases;
    }

    private Instant now() {
        return Timestamps.stored(clock.instant());
    }

    // ---- runs ----

    @Override
    public OrchestrationRun start(Actor actor, ProjectKey key, RunScope scope) {
        Project project = access.find(key).orElseThrow(() -> new NotFoundException("project", key));
        within(actor, key, Permissions.RUN_START, () -> new NotFoundException("project", key));
        List<CardPage> cards = cardsOf(actor, project, scope);
        if (cards.isEmpty()) {
            throw new RuleViolationException("empty-run", "the workflow has no cards: there is nothing to build");
        }
        PolicyProfile profile = plan.policyProfile(actor, key);
        OrchestrationRun run = transactions.inTransaction(() -> queue(
                key,
                OrchestrationRun.queue(
                        new RunId(ids.next()),
                        project.id(),
                        scope,
                        actor.userId(),
                        new RunInputs(cards, profile),
                        now()),
                Map.of(),
                actor.request()));
        telemetry.emit(
                ServerEvent.RUN_QUEUED,
                actor,
                Map.of("project", key.value(), "scope", scope.code(), "cards", cards.size()));
        return run;
    }

    @Override
    public Optional<OrchestrationRun> handOff(HandOff handoff, RequestContext request) {
        Optional<ViewPlanUseCase.Frozen> frozen = plan.frozenForRun(handoff.card());
        if (frozen.isEmpty()) {
            return Optional.empty();
        }
        CardPage page = frozen.get().card();
        ProjectId projectId = page.card().project();
        ProjectKey key = access.find(projectId).map(Project::key).orElseThrow();
        Optional<OrchestrationRun> queued;
        try {
            queued = transactions.inTransaction(() -> runs.findByHandoff(handoff.key())
                    .or(() -> Optional.of(queue(
                            key,
                            OrchestrationRun.queue(
                                    new RunId(ids.next()),
                                    projectId,
                                    new RunScope.OfCard(page.card().id()),
                                    handoff.startedBy(),
                                    new RunInputs(List.of(page), frozen.get().profile()),
                                    Optional.of(handoff.key()),
                                    now()),
                            Map.of(
                                    "handoff",
                                    handoff.key(),
                                    "workItem",
                                    handoff.workItem().display()),
                            request))));
        } catch (ConflictException raced) { // the same handoff, run twice at once: the other one queued it
            queued = runs.findByHandoff(handoff.key());
        }
        telemetry.emit(
                ServerEvent.RUN_QUEUED,
                Optional.empty(),
                Optional.of(handoff.startedBy()),
                request,
                Map.of("project", key.value(), "scope", "card", "cards", 1));
        return queued;
    }

    /** Stores the queued run, an assignment per card and a pending check per required one, and audits it. */
    private OrchestrationRun queue(
            ProjectKey key, OrchestrationRun run, Map<String, String> details, RequestContext request) {
        Instant now = run.createdAt();
        PolicyProfile profile = run.inputs().profile();
        runs.insert(run);
        for (CardPage page : run.inputs().cards()) {
            runs.insert(CardAssignment.queue(
                    new AssignmentId(ids.next()),
                    run.id(),
                    page.card().id(),
                    branchFor(key, page.card()),
                    allowedFor(page, profile),
                    now));
        }
        for (String check : profile.requiredChecks()) {
            reviews.insert(RunCheck.open(new CheckId(ids.next()), run.id(), check, true, now));
        }
        Map<String, String> all = new TreeMap<>(details);
        all.put("project", key.value());
        all.put("scope", run.scope().code());
        all.put("cards", Integer.toString(run.inputs().cards().size()));
        audit.record(
                new AuditTrail.Entry(
                        AuditActor.of(run.startedBy()),
                        AuditAction.RUN_START,
                        AuditTarget.run(run.id()),
                        AuditOutcome.SUCCESS,
                        all),
                request);
        return run;
    }

    /** The cards a run builds, as the caller may read them; a target in another project is not found. */
    private List<CardPage> cardsOf(Actor actor, Project project, RunScope scope) {
        return switch (scope) {
            case RunScope.OfCard c -> {
                CardPage page = plan.card(actor, c.card());
                if (!page.card().project().equals(project.id())) {
                    throw new NotFoundException("card", c.card());
                }
                yield List.of(page);
            }
            case RunScope.OfWorkflow w -> {
                var workflow = plan.workflow(actor, w.workflow());
                if (!workflow.workflow().project().equals(project.id())) {
                    throw new NotFoundException("workflow", w.workflow());
                }
                List<CardPage> pages = new ArrayList<>();
                for (Activity activity : workflow.activities()) {
                    Page.drain(
                            PageRequest.MAX_LIMIT,
                            page -> plan.cards(actor, activity.id(), page),
                            card -> pages.add(plan.card(actor, card.id())));
                }
                yield pages;
            }
        };
    }

    /** The card's feature branch: {@code bf/<project>-<card id>}, lower case, as git users write branches. */
    static String branchFor(ProjectKey key, Card card) {
        return ("bf/" + key.value() + "-" + card.id()).toLowerCase(Locale.ROOT);
    }

    /**
     * Where the card's agent may write: the files the card plans that the profile allows, or, when the card plans
     * none, what the profile allows. No allowed paths in either means the whole repository.
     */
    static List<PathPattern> allowedFor(CardPage page, PolicyProfile profile) {
        List<PathPattern> allowed =
                profile.allowedPaths().stream().map(PathPattern::new).toList();
        List<String> planned =
                page.plannedFiles().stream().map(PlannedFile::logicalPath).toList();
        if (planned.isEmpty()) {
            return allowed;
        }
        List<PathPattern> narrowed = planned.stream()
                .filter(path -> allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matches(path)))
                .map(PathPattern::new)
                .toList();
        if (narrowed.isEmpty()) {
            // an empty list would mean the whole repository: the opposite of what the card and profile say
            throw new RuleViolationException(
                    "planned-outside-policy",
                    "card " + page.card().id() + " plans only files the policy profile does not allow: "
                            + String.join(", ", planned));
        }
        return narrowed;
    }

    @Override
    public OrchestrationRun cancel(Actor actor, RunId id, long version) {
        OrchestrationRun found = runs.find(id).orElseThrow(() -> new NotFoundException("run", id));
        ProjectKey key = keyOf(found);
        within(actor, key, Permissions.RUN_START, () -> new NotFoundException("run", id));
        OrchestrationRun cancelled = transactions.inTransaction(() -> {
            List<CardAssignment> assignments = runs.lockAssignmentsOf(id); // assignments first, as claims do
            OrchestrationRun run = runs.lock(id).orElseThrow(() -> new NotFoundException("run", id));
            if (run.version() != version) {
                throw ConflictException.staleVersion("run", id, version);
            }
            Instant now = now();
            OrchestrationRun next = run.moveTo(RunStatus.CANCELLED, now);
            runs.update(next);
            for (CardAssignment a : assignments) {
                if (a.status().terminal()) {
                    continue;
                }
                for (AgentExecution e : executions.executionsOf(a.id())) {
                    if (e.status() == ExecutionStatus.RUNNING) {
                        executions.update(e.finish(ExecutionStatus.FAILED, Optional.of("run cancelled"), now));
                    }
                }
                runs.update(a.moveTo(AssignmentStatus.CANCELLED, now));
            }
            audit.success(actor, AuditAction.RUN_CANCEL, AuditTarget.run(id), Map.of("project", key.value()));
            return next;
        });
        telemetry.emit(ServerEvent.RUN_CANCELLED, actor, Map.of("project", key.value()));
        return cancelled;
    }

    // ---- executions ----

    @Override
    public Optional<Claimed> claim(Actor agent, ProjectKey key, Optional<RepositoryId> repository) {
        Project project = access.find(key).orElseThrow(() -> new NotFoundException("project", key));
        within(agent, key, Permissions.RUN_EXECUTE, () -> new NotFoundException("project", key));
        repository.ifPresent(r -> leases.check(agent, key, r)); // a bad repository is refused, queued work or not
        ClaimOutcome outcome = transactions.inTransaction(() -> {
            Optional<CardAssignment> next = runs.lockNextQueued(project.id());
            if (next.isEmpty()) {
                return new ClaimOutcome(Optional.empty(), Optional.empty());
            }
            // the lease first: refused, the assignment stays queued and only the denied attempt is recorded
            Optional<WriteLease> writeLease = Optional.empty();
            if (repository.isPresent()) {
                WriteUnderLeaseUseCase.Decision decision = leases.take(agent, key, repository.get());
                if (decision.refusal().isPresent()) {
                    return new ClaimOutcome(Optional.empty(), decision.refusal());
                }
                writeLease = Optional.of(new WriteLease(
                        repository.get(), decision.lease().orElseThrow().token()));
            }
            Instant now = now();
            CardAssignment assignment = next.get().moveTo(AssignmentStatus.CLAIMED, now);
            runs.update(assignment);
            // locked, so that of many first claimers of a queued run one starts it and the rest see it running
            OrchestrationRun run = runs.lock(assignment.run()).orElseThrow();
            if (run.status() == RunStatus.QUEUED) {
                run = run.moveTo(RunStatus.RUNNING, now);
                runs.update(run);
            }
            AgentExecution claimed =
                    AgentExecution.claim(new ExecutionId(ids.next()), assignment.id(), agent.userId(), now, lease);
            AgentExecution execution = writeLease.map(claimed::writingUnder).orElse(claimed);
            executions.insert(execution);
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("run", run.id().toString());
            details.put("assignment", assignment.id().toString());
            writeLease.ifPresent(w -> {
                details.put("repository", w.repository().toString());
                details.put("token", w.token().toString());
            });
            audit.success(agent, AuditAction.EXECUTION_CLAIM, AuditTarget.execution(execution.id()), details);
            return new ClaimOutcome(Optional.of(new Claimed(run, assignment, execution)), Optional.empty());
        });
        outcome.refusal().ifPresent(refusal -> refusedByLease(agent, key, refusal));
        outcome.claimed().ifPresent(c -> {
            telemetry.emit(ServerEvent.EXECUTION_CLAIMED, agent, Map.of("project", key.value()));
            c.execution()
                    .writeLease()
                    .ifPresent(w -> telemetry.emit(
                            ServerEvent.LEASE_ACQUIRED,
                            agent,
                            Map.of("project", key.value(), "token", w.token().value())));
        });
        return outcome.claimed();
    }

    /** Tells telemetry, then throws the lease's refusal, once the transaction that audited it has committed. */
    private void refusedByLease(Actor agent, ProjectKey key, RuleViolationException refusal) {
        telemetry.emit(ServerEvent.LEASE_REFUSED, agent, Map.of("project", key.value(), "rule", refusal.rule()));
        throw refusal;
    }

    /** What a claim's transaction decided: the claim, or the lease's refusal to throw once it has committed. */
    private record ClaimOutcome(Optional<Claimed> claimed, Optional<RuleViolationException> refusal) {}

    @Override
    public AgentExecution heartbeat(Actor agent, ExecutionId id, AgentExecution.Usage usage) {
        ownExecution(agent, id);
        return transactions.inTransaction(() -> {
            AgentExecution current = executions.find(id).orElseThrow(() -> new NotFoundException("execution", id));
            refuseOverdue(current);
            AgentExecution next = current.heartbeat(usage, now(), lease);
            executions.update(next);
            return next;
        });
    }

    @Override
    public AgentExecution finish(Actor agent, ExecutionId id, ExecutionStatus outcome, Optional<String> reason) {
        if (outcome != ExecutionStatus.SUCCEEDED && outcome != ExecutionStatus.FAILED) {
            throw new InvalidInputException("status", "must be succeeded or failed");
        }
        ProjectKey key = ownExecution(agent, id);
        Outcome ended = transactions.inTransaction(() -> {
            AgentExecution current = executions.find(id).orElseThrow(() -> new NotFoundException("execution", id));
            refuseOverdue(current);
            Instant now = now();
            AgentExecution next = current.finish(outcome, reason, now);
            executions.update(next);
            CardAssignment assignment = runs.find(current.assignment()).orElseThrow();
            runs.update(assignment.moveTo(
                    outcome == ExecutionStatus.SUCCEEDED ? AssignmentStatus.COMPLETED : AssignmentStatus.FAILED, now));
            Optional<OrchestrationRun> finished = settleRun(assignment.run(), now);
            // the execution's grant ends with it (if it is still the current one)
            boolean released = current.writeLease()
                    .map(w -> leases.releaseIfHeld(agent, w.repository(), w.token()))
                    .orElse(false);
            audit.success(
                    agent,
                    AuditAction.EXECUTION_FINISH,
                    AuditTarget.execution(id),
                    Map.of(
                            "status",
                            outcome.code(),
                            "assignment",
                            assignment.id().toString()));
            return new Outcome(next, finished, released);
        });
        telemetry.emit(ServerEvent.EXECUTION_FINISHED, agent, Map.of("project", key.value(), "status", outcome.code()));
        if (ended.released()) {
            telemetry.emit(
                    ServerEvent.LEASE_RELEASED,
                    agent,
                    Map.of(
                            "project",
                            key.value(),
                            "token",
                            ended.execution().writeLease().orElseThrow().token().value()));
        }
        ended.finishedRun()
                .ifPresent(run -> telemetry.emit(
                        ServerEvent.RUN_FINISHED,
                        agent,
                        Map.of("project", key.value(), "status", run.status().code())));
        return ended.execution();
    }

    private record Outcome(AgentExecution execution, Optional<OrchestrationRun> finishedRun, boolean released) {}

    /** Past its deadline an execution is lost, whether or not the reaper has come by yet. */
    private void refuseOverdue(AgentExecution execution) {
        if (execution.overdue(now())) {
            throw new RuleViolationException(
                    "execution-overdue",
                    "no heartbeat came before " + execution.deadline()
                            + ": the execution is lost; claim the assignment again to go on");
        }
    }

    /** Ends the run when its last assignment ended: succeeded when every one completed, else failed. */
    private Optional<OrchestrationRun> settleRun(RunId id, Instant now) {
        // the run's lock comes after this execution's assignment was written: of two finishing at once, the
        // later one sees both assignments ended
        OrchestrationRun run = runs.lock(id).orElseThrow();
        List<CardAssignment> assignments = runs.assignmentsOf(id);
        if (run.status() != RunStatus.RUNNING
                || !assignments.stream().allMatch(a -> a.status().terminal())) {
            return Optional.empty();
        }
        boolean allCompleted = assignments.stream().allMatch(a -> a.status() == AssignmentStatus.COMPLETED);
        OrchestrationRun finished = run.moveTo(allCompleted ? RunStatus.SUCCEEDED : RunStatus.FAILED, now);
        runs.update(finished);
        return Optional.of(finished);
    }

    @Override
    public AgentCommit commit(Actor agent, ExecutionId id, NewCommit reported) {
        ProjectKey key = ownExecution(agent, id);
        CommitOutcome outcome = transactions.inTransaction(() -> {
            AgentExecution execution = executions.find(id).orElseThrow(() -> new NotFoundException("execution", id));
            if (execution.status() != ExecutionStatus.RUNNING) {
                throw new RuleViolationException(
                        "execution-ended", "a " + execution.status().code() + " execution reports no more commits");
            }
            Optional<FencingToken> token = presentedToken(execution, reported);
            if (token.isPresent()) {
                // the fence: the execution's grant must still be the repository's current one, held by this agent
                Optional<RuleViolationException> refusal = leases.fence(
                        agent,
                        execution.writeLease().orElseThrow().repository(),
                        token.get(),
                        AuditAction.COMMIT_REPORT);
                if (refusal.isPresent()) {
                    return new CommitOutcome(null, refusal);
                }
            }
            CardAssignment assignment = runs.find(execution.assignment()).orElseThrow();
            OrchestrationRun run = runs.find(assignment.run()).orElseThrow();
            AgentCommit c = AgentCommit.report(
                    new CommitId(ids.next()),
                    id,
                    reported.sha(),
                    reported.message(),
                    reported.author(),
                    reported.files(),
                    assignment,
                    run.inputs().profile().forbiddenPaths().stream()
                            .map(PathPattern::new)
                            .toList(),
                    now(),
                    token);
            executions.insert(c);
            audit.success(
                    agent,
                    AuditAction.COMMIT_REPORT,
                    AuditTarget.execution(id),
                    Map.of(
                            "sha", c.sha(),
                            "files", Integer.toString(c.files().size()),
                            "offending", Integer.toString(c.offendingPaths().size())));
            return new CommitOutcome(c, Optional.empty());
        });
        outcome.refusal().ifPresent(refusal -> refusedByLease(agent, key, refusal));
        AgentCommit commit = outcome.commit();
        telemetry.emit(
                ServerEvent.COMMIT_REPORTED,
                agent,
                Map.of("project", key.value(), "files", commit.files().size(), "flagged", commit.flagged()));
        return commit;
    }

    private record CommitOutcome(AgentCommit commit, Optional<RuleViolationException> refusal) {}

    /** The token a commit of {@code execution} must present: its grant's, when it works on a repository. */
    private static Optional<FencingToken> presentedToken(AgentExecution execution, NewCommit reported) {
        if (execution.writeLease().isEmpty()) {
            if (reported.fencingToken().isPresent()) {
                throw new InvalidInputException(
                        "fencingToken", "this execution works on no repository: its commits present no token");
            }
            return Optional.empty();
        }
        WriteLease lease = execution.writeLease().get();
        FencingToken presented = reported.fencingToken()
                .orElseThrow(() -> new InvalidInputException(
                        "fencingToken",
                        "is required: this execution works on repository " + lease.repository() + " under token "
                                + lease.token()));
        if (!presented.equals(lease.token())) {
            throw new InvalidInputException(
                    "fencingToken", "must be this execution's token " + lease.token() + ", not " + presented);
        }
        return Optional.of(presented);
    }

    @Override
    public int reapLost() {
        int reaped = 0;
        for (AgentExecution overdue : executions.overdue(now(), REAP_BATCH)) {
            RequestContext request = RequestContext.system(ids.next().value());
            boolean lost;
            try {
                lost = transactions.inTransaction(() -> {
                    AgentExecution current = executions.find(overdue.id()).orElseThrow();
                    Instant now = now();
                    if (!current.overdue(now)) {
                        return false; // it reported meanwhile
                    }
                    executions.update(current.finish(
                            ExecutionStatus.LOST, Optional.of("no heartbeat since " + current.heartbeatAt()), now));
                    CardAssignment assignment = runs.find(current.assignment()).orElseThrow();
                    if (assignment.status() == AssignmentStatus.CLAIMED) {
                        runs.update(assignment.moveTo(AssignmentStatus.QUEUED, now));
                    }
                    audit.record(
                            new AuditTrail.Entry(
                                    AuditActor.SYSTEM,
                                    AuditAction.EXECUTION_LOST,
                                    AuditTarget.execution(current.id()),
                                    AuditOutcome.SUCCESS,
                                    Map.of(
                                            "agent",
                                            current.agent().toString(),
                                            "assignment",
                                            assignment.id().toString())),
                            request);
                    return true;
                });
            } catch (ConflictException racedByItsAgent) {
                continue; // a heartbeat or finish came in between: it is not lost, and the rest still are
            }
            if (lost) {
                reaped++;
                telemetry.emit(
                        ServerEvent.EXECUTION_LOST,
                        Optional.empty(),
                        Optional.empty(),
                        request,
                        Map.of("project", projectOfExecution(overdue).value()));
            }
        }
        return reaped;
    }

    /** The execution's project, provided the caller may execute there and the execution is theirs. */
    private ProjectKey ownExecution(Actor agent, ExecutionId id) {
        AgentExecution execution = executions.find(id).orElseThrow(() -> new NotFoundException("execution", id));
        ProjectKey key = projectOfExecution(execution);
        within(agent, key, Permissions.RUN_EXECUTE, () -> new NotFoundException("execution", id));
        if (!execution.agent().equals(agent.userId())) {
            throw ForbiddenException.because("this execution is another agent's: report only your own");
        }
        return key;
    }

    private ProjectKey projectOfExecution(AgentExecution execution) {
        CardAssignment assignment = runs.find(execution.assignment()).orElseThrow();
        return keyOf(runs.find(assignment.run()).orElseThrow());
    }

    // ---- reads ----

    @Override
    public Page<OrchestrationRun> runs(Actor actor, ProjectKey key, PageRequest page) {
        Project project = access.find(key).orElseThrow(() -> new NotFoundException("project", key));
        within(actor, key, Permissions.RUN_READ, () -> new NotFoundException("project", key));
        return runs.list(project.id(), page);
    }

    @Override
    public RunDetail run(Actor actor, RunId id) {
        OrchestrationRun run = runs.find(id).orElseThrow(() -> new NotFoundException("run", id));
        within(actor, keyOf(run), Permissions.RUN_READ, () -> new NotFoundException("run", id));
        return details(List.of(run), a -> true).getFirst();
    }

    @Override
    public List<RunDetail> lineage(Actor actor, io.buildfactory.domain.planning.CardId card) {
        ProjectKey key = plan.projectOf(card)
                .flatMap(access::find)
                .map(Project::key)
                .orElseThrow(() -> new NotFoundException("card", card));
        Actor inProject = access.in(actor, key).orElseThrow(() -> new NotFoundException("card", card));
        inProject.require(Permissions.PLANNING_READ); // the card's lineage shows the card's plan
        inProject.require(Permissions.RUN_READ);
        return details(runs.runsOf(card), a -> a.card().equals(card));
    }

    @Override
    public List<Origin> originOfCommit(Actor actor, String sha) {
        String wanted = sha.toLowerCase(Locale.ROOT);
        List<Origin> origins = new ArrayList<>();
        for (AgentCommit commit : executions.commitsWithSha(wanted)) {
            AgentExecution execution = executions.find(commit.execution()).orElseThrow();
            CardAssignment assignment = runs.find(execution.assignment()).orElseThrow();
            OrchestrationRun run = runs.find(assignment.run()).orElseThrow();
            if (access.in(actor, keyOf(run))
                    .filter(a -> a.holds(Permissions.RUN_READ))
                    .isPresent()) {
                origins.add(new Origin(
                        run.project(),
                        assignment.card(),
                        run.id(),
                        assignment.id(),
                        Optional.of(execution.id()),
                        reviews.candidateOf(assignment.id()).map(PullRequestCandidate::id)));
            }
        }
        if (origins.isEmpty()) {
            throw new NotFoundException("commit", wanted);
        }
        return origins;
    }

    @Override
    public Origin originOf(Actor actor, io.buildfactory.domain.orchestration.CandidateId id) {
        PullRequestCandidate candidate = reviews.find(id).orElseThrow(() -> new NotFoundException("candidate", id));
        CardAssignment assignment = runs.find(candidate.assignment()).orElseThrow();
        OrchestrationRun run = runs.find(assignment.run()).orElseThrow();
        within(actor, keyOf(run), Permissions.RUN_READ, () -> new NotFoundException("candidate", id));
        List<AgentExecution> attempts = executions.executionsOf(assignment.id());
        return new Origin(
                run.project(),
                assignment.card(),
                run.id(),
                assignment.id(),
                attempts.isEmpty()
                        ? Optional.empty()
                        : Optional.of(attempts.getLast().id()),
                Optional.of(id));
    }

    @Override
    public Origin originOf(Actor actor, io.buildfactory.domain.orchestration.ApprovalId id) {
        var approval = reviews.find(id).orElseThrow(() -> new NotFoundException("approval", id));
        try {
            return originOf(actor, approval.candidate());
        } catch (NotFoundException hidden) {
            throw new NotFoundException("approval", id);
        }
    }

    /** The run with its checks and those of its assignments {@code which} keeps, each with all it holds. */
    /**
     * Each run with its assignments (those {@code which} keeps), their executions and commits, candidates and
     * approvals, and its checks: one read per step for all the runs together, so a card with a hundred runs costs
     * what a card with one does.
     */
    private List<RunDetail> details(List<OrchestrationRun> of, java.util.function.Predicate<CardAssignment> which) {
        List<RunId> runIds = of.stream().map(OrchestrationRun::id).toList();
        List<CardAssignment> assignments =
                runs.assignmentsOf(runIds).stream().filter(which).toList();
        List<AssignmentId> assignmentIds =
                assignments.stream().map(CardAssignment::id).toList();
        List<AgentExecution> attempts = executions.executionsOf(assignmentIds);
        Map<ExecutionId, List<AgentCommit>> commits =
                executions.commitsOf(attempts.stream().map(AgentExecution::id).toList()).stream()
                        .collect(Collectors.groupingBy(AgentCommit::execution));
        Map<AssignmentId, List<ExecutionDetail>> attemptsOf = attempts.stream()
                .collect(Collectors.groupingBy(
                        AgentExecution::assignment,
                        Collectors.mapping(
                                e -> new ExecutionDetail(e, commits.getOrDefault(e.id(), List.of())),
                                Collectors.toList())));
        Map<AssignmentId, PullRequestCandidate> candidates = reviews.candidatesOf(assignmentIds).stream()
                .collect(Collectors.toMap(PullRequestCandidate::assignment, c -> c));
        Map<CandidateId, List<ApprovalRequest>> approvals =
                reviews
                        .approvalsOf(candidates.values().stream()
                                .map(PullRequestCandidate::id)
                                .toList())
                        .stream()
                        .collect(Collectors.groupingBy(ApprovalRequest::candidate));
        Map<RunId, List<AssignmentDetail>> assignmentsOf = assignments.stream()
                .collect(Collectors.groupingBy(
                        CardAssignment::run,
                        Collectors.mapping(
                                a -> {
                                    Optional<PullRequestCandidate> candidate =
                                            Optional.ofNullable(candidates.get(a.id()));
                                    return new AssignmentDetail(
                                            a,
                                            attemptsOf.getOrDefault(a.id(), List.of()),
                                            candidate,
                                            candidate
                                                    .map(c -> approvals.getOrDefault(c.id(), List.of()))
                                                    .orElse(List.of()));
                                },
                                Collectors.toList())));
        Map<RunId, List<RunCheck>> checks =
                reviews.checksOf(runIds).stream().collect(Collectors.groupingBy(RunCheck::run));
        return of.stream()
                .map(run -> new RunDetail(
                        run, assignmentsOf.getOrDefault(run.id(), List.of()), checks.getOrDefault(run.id(), List.of())))
                .toList();
    }

    private ProjectKey keyOf(OrchestrationRun run) {
        return access.find(run.project()).map(Project::key).orElseThrow();
    }

    private void within(
            Actor actor, ProjectKey key, Permission permission, java.util.function.Supplier<NotFoundException> hidden) {
        access.in(actor, key).orElseThrow(hidden).require(permission);
    }
}
