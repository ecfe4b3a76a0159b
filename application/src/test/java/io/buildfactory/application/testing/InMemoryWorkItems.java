package io.buildfactory.application.testing;

import io.buildfactory.application.workitems.port.out.AppliedActions;
import io.buildfactory.application.workitems.port.out.ProjectPolicies;
import io.buildfactory.application.workitems.port.out.WorkItemHistory;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The work-item ports in memory, keeping the promises their contract tests hold the real adapters to: numbering
 * per project, optimistic versions (a stale update is a conflict), policy versions, one outcome per idempotency
 * key. A history snapshot here holds only the lane and version; the full snapshot is the adapter's to write.
 */
public final class InMemoryWorkItems
        implements WorkItemRepository, WorkItemHistory, ProjectPolicies, AppliedActions, Transactional {

    private record State(
            TreeMap<String, WorkItem> items,
            Map<ProjectKey, Long> numbers,
            Map<ProjectKey, PolicyProfile> policies,
            Map<String, ActionOutcome.Applied> outcomes,
            List<Map.Entry<WorkItemId, HistoryEntry>> history) {
        State copy() {
            return new State(
                    new TreeMap<>(items),
                    new HashMap<>(numbers),
                    new HashMap<>(policies),
                    new HashMap<>(outcomes),
                    new ArrayList<>(history));
        }
    }

    private final IdGenerator ids;
    private State state =
            new State(new TreeMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new ArrayList<>());

    public InMemoryWorkItems(IdGenerator ids) {
        this.ids = ids;
    }

    @Override
    public synchronized long nextNumber(ProjectKey project, Instant now) {
        return state.numbers().merge(project, 1L, Long::sum);
    }

    @Override
    public synchronized void insert(WorkItem item) {
        if (findByKey(item.key()).isPresent()) {
            throw ConflictException.duplicate("work item", "key");
        }
        if (state.items().putIfAbsent(item.id().toString(), item) != null) {
            throw ConflictException.duplicate("work item", "id");
        }
    }

    @Override
    public synchronized Optional<WorkItem> findById(WorkItemId id) {
        return Optional.ofNullable(state.items().get(id.toString()));
    }

    @Override
    public synchronized Optional<WorkItem> findByKey(WorkItemKey key) {
        return state.items().values().stream().filter(i -> i.key().equals(key)).findFirst();
    }

    @Override
    public synchronized WorkItem update(WorkItem item) {
        WorkItem stored = state.items().get(item.id().toString());
        if (stored == null || stored.version() != item.version()) {
            throw ConflictException.staleVersion("work item", item.key().display(), item.version());
        }
        WorkItem next = item.nextVersion();
        state.items().put(item.id().toString(), next);
        return next;
    }

    @Override
    public synchronized Page<WorkItem> list(WorkItemFilter f, PageRequest page) {
        List<WorkItem> matching = state.items().values().stream()
                .filter(i -> f.project().map(p -> i.key().project().equals(p)).orElse(true))
                .filter(i ->
                        f.within().map(keys -> keys.contains(i.key().project())).orElse(true))
                .filter(i -> f.lane().map(l -> i.lane() == l).orElse(true))
                .filter(i -> f.workType().map(t -> i.workType() == t).orElse(true))
                .filter(i -> f.text()
                        .map(t -> i.title().toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .filter(i -> page.after()
                        .map(c -> i.id().toString().compareTo(c) > 0)
                        .orElse(true))
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(matching, page.limit(), i -> i.id().toString());
    }

    @Override
    public synchronized Map<WorkItemId, Lane> lanesOf(Collection<WorkItemId> ids) {
        return ids.stream()
                .filter(id -> state.items().containsKey(id.toString()))
                .collect(Collectors.toMap(
                        id -> id, id -> state.items().get(id.toString()).lane()));
    }

    @Override
    public synchronized void recordHistory(WorkItem item, String reason, String actor, Instant at) {
        String snapshot = "{\"lane\":\"" + item.lane().code() + "\",\"version\":" + item.version() + "}";
        state.history()
                .add(Map.entry(
                        item.id(),
                        new HistoryEntry(ids.next().toString(), item.version(), reason, actor, snapshot, at)));
    }

    @Override
    public synchronized Page<HistoryEntry> history(WorkItemId item, PageRequest page) {
        List<HistoryEntry> entries = state.history().stream()
                .filter(e -> e.getKey().equals(item))
                .map(Map.Entry::getValue)
                .filter(e -> page.after().map(c -> e.id().compareTo(c) > 0).orElse(true))
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(entries, page.limit(), HistoryEntry::id);
    }

    @Override
    public synchronized Optional<PolicyProfile> policy(ProjectKey project) {
        return Optional.ofNullable(state.policies().get(project));
    }

    @Override
    public synchronized PolicyProfile savePolicy(PolicyProfile profile, Instant at) {
        long current = Optional.ofNullable(state.policies().get(profile.project()))
                .map(PolicyProfile::version)
                .orElse(0L);
        if (current != profile.version()) {
            throw ConflictException.staleVersion("policy profile", profile.project(), profile.version());
        }
        PolicyProfile saved = new PolicyProfile(profile.project(), profile.gates(), profile.version() + 1);
        state.policies().put(profile.project(), saved);
        return saved;
    }

    @Override
    public synchronized Optional<ActionOutcome.Applied> find(WorkItemId item, String idempotencyKey) {
        return Optional.ofNullable(state.outcomes().get(item + " " + idempotencyKey));
    }

    @Override
    public synchronized void keep(String idempotencyKey, UserId actor, ActionOutcome.Applied outcome, Instant at) {
        if (state.outcomes().putIfAbsent(outcome.item().id() + " " + idempotencyKey, outcome) != null) {
            throw ConflictException.duplicate("action request", "Idempotency-Key");
        }
    }

    @Override
    public synchronized Object snapshot() {
        return state.copy();
    }

    @Override
    public synchronized void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
