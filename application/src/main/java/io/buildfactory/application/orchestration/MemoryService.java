package io.buildfactory.application.orchestration;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.orchestration.port.in.KeepMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.RecallMemoryUseCase;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.application.orchestration.port.out.MemoryRepository;
import io.buildfactory.application.orchestration.port.out.RetrievalLog;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.memory.RetrievalId;
import io.buildfactory.domain.memory.SearchText;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project's memory. Content is scanned as conversations are (redacted or sealed per configuration) before it is
 * stored or indexed; scopes are checked to be the project's own; every search is logged with what it returned in
 * the transaction that answers it, so the log never misses an answer and never holds one that was not given.
 */
public final class MemoryService implements KeepMemoryUseCase, RecallMemoryUseCase {

    /** How memory content is protected: the mode conversations use, and the sealer that seals in encrypt mode. */
    public record Protection(ContentProtection.Mode mode, ContentSealer sealer) {}

    private final ProjectAccess access;
    private final ViewPlanUseCase plan;
    private final RunRepository runs;
    private final ExecutionRepository executions;
    private final MemoryRepository memory;
    private final RetrievalLog log;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final Protection protection;

    public MemoryService(
            ProjectAccess access,
            ViewPlanUseCase plan,
            RunRepository runs,
            ExecutionRepository executions,
            MemoryRepository memory,
            RetrievalLog log,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            Protection protection) {
        this.access = access;
        this.plan = plan;
        this.runs = runs;
        this.executions = executions;
        this.memory = memory;
        this.log = log;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.protection = protection;
    }

    // ---- keeping ----

    @Override
    public UnitView remember(Actor actor, ProjectKey key, Remember request) {
        Project project = within(actor, key, Permissions.MEMORY_WRITE);
        if (request.kind() == null) {
            throw new InvalidInputException("kind", "is required");
        }
        List<MemoryScope> scopes = scopesOf(project, request.scopes());
        MemoryUnitId id = new MemoryUnitId(ids.next());
        String content = request.content() == null ? null : request.content().strip();
        if (content != null && content.length() > MemoryUnit.MAX_CONTENT) {
            throw new InvalidInputException("content", "must be at most " + MemoryUnit.MAX_CONTENT + " characters");
        }
        if (request.source() != null && request.source().strip().length() > MemoryUnit.MAX_SOURCE) {
            throw new InvalidInputException("source", "must be at most " + MemoryUnit.MAX_SOURCE + " characters");
        }
        ContentProtection.Protected stored = content == null || content.isEmpty()
                ? new ContentProtection.Protected(content, Map.of())
                : ContentProtection.protect(
                        content, protection.mode(), value -> protection.sealer().seal(value, id.toString()));
        MemoryUnit unit = new MemoryUnit(
                id,
                project.id(),
                request.kind(),
                request.source() == null
                        ? null
                        : ContentProtection.redact(request.source()).text(),
                stored.text(),
                request.embeddingRef(),
                stored.findings(),
                actor.userId(),
                Timestamps.stored(clock.instant()));
        transactions.inTransaction(() -> {
            memory.insert(unit, scopes);
            Map<String, String> details = new TreeMap<>();
            details.put("kind", unit.kind().code());
            details.put("source", unit.source());
            details.put(
                    "scopes",
                    String.join(",", scopes.stream().map(MemoryScope::toString).toList()));
            stored.findings().forEach((kind, n) -> details.put("found." + kind.code(), Integer.toString(n)));
            audit.success(actor, AuditAction.MEMORY_CREATE, AuditTarget.memoryUnit(id), details);
        });
        telemetry.emit(
                ServerEvent.MEMORY_CREATED,
                actor,
                Map.of("project", key.value(), "kind", unit.kind().code(), "scopes", scopes.size()));
        return view(unit, scopes);
    }

    @Override
    public UnitView relate(Actor actor, MemoryUnitId id, MemoryScope scope) {
        MemoryUnit unit = writable(actor, id);
        Project project = access.find(unit.project()).orElseThrow();
        MemoryScope checked = scopeOf(project, scope);
        return transactions.inTransaction(() -> {
            memory.relate(id, checked, Timestamps.stored(clock.instant()));
            audit.success(
                    actor, AuditAction.MEMORY_RELATE, AuditTarget.memoryUnit(id), Map.of("scope", checked.toString()));
            return view(unit, memory.scopesOf(id));
        });
    }

    @Override
    public UnitView unrelate(Actor actor, MemoryUnitId id, MemoryScope scope) {
        MemoryUnit unit = writable(actor, id);
        if (scope.kind() == MemoryScope.Kind.PROJECT) {
            throw new InvalidInputException("scope", "a unit always belongs to its project: delete the unit instead");
        }
        return transactions.inTransaction(() -> {
            if (!memory.unrelate(id, scope)) {
                throw new NotFoundException("relation", scope.toString());
            }
            audit.success(
                    actor, AuditAction.MEMORY_UNRELATE, AuditTarget.memoryUnit(id), Map.of("scope", scope.toString()));
            return view(unit, memory.scopesOf(id));
        });
    }

    @Override
    public void forget(Actor actor, MemoryUnitId id) {
        MemoryUnit unit = writable(actor, id);
        transactions.inTransaction(() -> {
            if (!memory.delete(id)) {
                throw new NotFoundException("memory unit", id);
            }
            audit.success(
                    actor,
                    AuditAction.MEMORY_DELETE,
                    AuditTarget.memoryUnit(id),
                    Map.of(
                            "kind", unit.kind().code(),
                            "source", unit.source(),
                            "createdBy", unit.createdBy().toString(),
                            "createdAt", unit.createdAt().toString(),
                            "contentSha256", unit.contentSha256()));
        });
        ProjectKey key = access.find(unit.project()).map(Project::key).orElseThrow();
        telemetry.emit(
                ServerEvent.MEMORY_DELETED,
                actor,
                Map.of("project", key.value(), "kind", unit.kind().code()));
    }

    private MemoryUnit writable(Actor actor, MemoryUnitId id) {
        MemoryUnit unit = memory.find(id).orElseThrow(() -> new NotFoundException("memory unit", id));
        ProjectKey key = access.find(unit.project()).map(Project::key).orElseThrow();
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("memory unit", id))
                .require(Permissions.MEMORY_WRITE);
        return unit;
    }

    /** The project's own scope first, then each asked-for scope once, each checked to be part of the project. */
    private List<MemoryScope> scopesOf(Project project, List<MemoryScope> asked) {
        if (asked.size() > MAX_SCOPES) {
            throw new InvalidInputException("scopes", "must name at most " + MAX_SCOPES + " scopes");
        }
        Set<MemoryScope> scopes = new LinkedHashSet<>();
        scopes.add(new MemoryScope(MemoryScope.Kind.PROJECT, project.id().value()));
        for (MemoryScope scope : asked) {
            scopes.add(scopeOf(project, scope));
        }
        return List.copyOf(scopes);
    }

    /**
     * The scope, provided its target is part of the project. Looked up without the caller's planning rights (their
     * right here is {@code factory.memory.write} in the project); absent and elsewhere read alike, so nothing
     * outside the project is disclosed.
     */
    private MemoryScope scopeOf(Project project, MemoryScope scope) {
        Optional<ProjectId> owner = switch (scope.kind()) {
            case PROJECT -> Optional.of(new ProjectId(scope.id()));
            case WORKFLOW -> plan.projectOf(new WorkflowId(scope.id()));
            case CARD -> plan.projectOf(new CardId(scope.id()));
            case RUN -> runs.find(new RunId(scope.id())).map(OrchestrationRun::project);
        };
        if (!owner.equals(Optional.of(project.id()))) {
            throw new InvalidInputException("scopes", scope + " names nothing in project " + project.key());
        }
        return scope;
    }

    // ---- recalling ----

    @Override
    public UnitView unit(Actor actor, MemoryUnitId id) {
        MemoryUnit unit = memory.find(id).orElseThrow(() -> new NotFoundException("memory unit", id));
        ProjectKey key = access.find(unit.project()).map(Project::key).orElseThrow();
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("memory unit", id))
                .require(Permissions.MEMORY_READ);
        return view(unit, memory.scopesOf(id));
    }

    @Override
    public Page<UnitView> units(Actor actor, ProjectKey key, Optional<MemoryScope> scope, PageRequest page) {
        Project project = within(actor, key, Permissions.MEMORY_READ);
        Page<MemoryUnit> units = memory.list(project.id(), scope, page);
        Map<MemoryUnitId, List<MemoryScope>> scopes =
                memory.scopesOf(units.items().stream().map(MemoryUnit::id).toList());
        return new Page<>(
                units.items().stream()
                        .map(u -> view(u, scopes.getOrDefault(u.id(), List.of())))
                        .toList(),
                units.nextCursor());
    }

    @Override
    public Answer search(Actor actor, ProjectKey key, Search search) {
        Project project = within(actor, key, Permissions.MEMORY_READ);
        List<String> terms = SearchText.terms(search.query());
        if (search.limit() < 1 || search.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (search.scopes().size() > MAX_SCOPES) {
            throw new InvalidInputException("scopes", "must name at most " + MAX_SCOPES + " scopes");
        }
        Optional<ExecutionId> execution = search.execution();
        Optional<RunId> run = servedRun(project, search.run(), execution);
        Answer answer = transactions.inTransaction(() -> {
            List<MemoryRepository.Match> matches = memory.search(project.id(), terms, search.scopes(), search.limit());
            Map<MemoryUnitId, List<MemoryScope>> scopes =
                    memory.scopesOf(matches.stream().map(m -> m.unit().id()).toList());
            List<Found> found = new ArrayList<>(matches.size());
            List<Retrieval.Hit> hits = new ArrayList<>(matches.size());
            for (MemoryRepository.Match match : matches) {
                int rank = found.size() + 1;
                found.add(new Found(
                        view(match.unit(), scopes.getOrDefault(match.unit().id(), List.of())), rank, match.score()));
                hits.add(new Retrieval.Hit(match.unit().id(), rank, match.score()));
            }
            Retrieval retrieval = new Retrieval(
                    new RetrievalId(ids.next()),
                    project.id(),
                    ContentProtection.redact(search.query().strip()).text(),
                    search.scopes(),
                    run,
                    execution,
                    actor.userId(),
                    Timestamps.stored(clock.instant()),
                    hits);
            log.append(retrieval);
            return new Answer(retrieval, found);
        });
        telemetry.emit(
                ServerEvent.MEMORY_RETRIEVED,
                actor,
                Map.of(
                        "project",
                        key.value(),
                        "terms",
                        terms.size(),
                        "hits",
                        answer.units().size()));
        return answer;
    }

    /** The run a search serves: the one named, or the execution's; both must be of this project and agree. */
    private Optional<RunId> servedRun(Project project, Optional<RunId> named, Optional<ExecutionId> execution) {
        // absent and elsewhere read alike: nothing outside the project is disclosed
        named.ifPresent(id -> {
            if (!ours(project, id)) {
                throw new InvalidInputException("runId", "names no run of project " + project.key());
            }
        });
        Optional<RunId> ofExecution = execution.map(id -> executions
                .find(id)
                .flatMap(e -> runs.find(e.assignment()))
                .map(CardAssignment::run)
                .filter(run -> ours(project, run))
                .orElseThrow(() ->
                        new InvalidInputException("executionId", "names no execution of project " + project.key())));
        if (named.isPresent() && ofExecution.isPresent() && !named.equals(ofExecution)) {
            throw new InvalidInputException("executionId", "is an execution of another run than runId");
        }
        return named.or(() -> ofExecution);
    }

    private boolean ours(Project project, RunId run) {
        return runs.find(run).map(r -> r.project().equals(project.id())).orElse(false);
    }

    @Override
    public Page<Retrieval> retrievals(Actor actor, RunId id, PageRequest page) {
        OrchestrationRun run = runs.find(id).orElseThrow(() -> new NotFoundException("run", id));
        ProjectKey key = access.find(run.project()).map(Project::key).orElseThrow();
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("run", id))
                .require(Permissions.MEMORY_READ);
        return log.ofRun(id, page);
    }

    private Project within(Actor actor, ProjectKey key, Permission permission) {
        Project project = access.find(key).orElseThrow(() -> new NotFoundException("project", key));
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("project", key))
                .require(permission);
        return project;
    }

    private static UnitView view(MemoryUnit unit, List<MemoryScope> scopes) {
        return new UnitView(unit, unit.masked(), scopes);
    }
}
