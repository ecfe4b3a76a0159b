package io.buildfactory.application.testing;

import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.conversations.port.out.RetentionPolicyRepository;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Conversations, their exchanges and retention policies in memory, with the promises
 * {@code ConversationAndExchangeContractTest} holds the adapters to: owners are first participants, optimistic
 * versions, sequence numbers taken once, participants only for users that exist, a purge that removes everything
 * hanging on a conversation and says what.
 */
public final class InMemoryConversations
        implements ConversationRepository, ExchangeRepository, RetentionPolicyRepository, Transactional {

    private record State(
            TreeMap<String, Conversation> conversations,
            TreeMap<String, LinkedHashMap<UserId, Participant>> participants,
            TreeMap<String, Exchange> exchanges,
            TreeMap<String, ConversationEvent> history,
            TreeMap<String, RetentionPolicy> policies) {

        State copy() {
            TreeMap<String, LinkedHashMap<UserId, Participant>> people = new TreeMap<>();
            participants.forEach((k, v) -> people.put(k, new LinkedHashMap<>(v)));
            return new State(
                    new TreeMap<>(conversations),
                    people,
                    new TreeMap<>(exchanges),
                    new TreeMap<>(history),
                    new TreeMap<>(policies));
        }
    }

    private State state =
            new State(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    private final Set<UserId> users = new HashSet<>();

    /** A user the identity context knows; sharing with anyone else is refused, as the foreign key refuses it. */
    public synchronized void knows(UserId user) {
        users.add(user);
    }

    // --- conversations

    @Override
    public synchronized void insert(Conversation conversation) {
        String key = conversation.id().toString();
        if (state.conversations.containsKey(key)) {
            throw ConflictException.duplicate("conversation", "id");
        }
        state.conversations.put(key, conversation);
        LinkedHashMap<UserId, Participant> people = new LinkedHashMap<>();
        people.put(
                conversation.ownerId(),
                new Participant(conversation.ownerId(), ParticipantRole.OWNER, conversation.createdAt()));
        state.participants.put(key, people);
    }

    @Override
    public synchronized Conversation update(Conversation c) {
        Conversation stored = state.conversations.get(c.id().toString());
        if (stored == null || stored.version() != c.version()) {
            throw ConflictException.staleVersion("conversation", c.id(), c.version());
        }
        Instant lastActivity = c.updatedAt().isAfter(stored.updatedAt()) ? c.updatedAt() : stored.updatedAt();
        Conversation next = new Conversation(
                c.id(),
                c.ownerId(),
                c.title(),
                c.projectKey(),
                c.workItemId(),
                c.legalHold(),
                stored.exchangeCount(),
                c.createdAt(),
                lastActivity,
                c.deletedAt(),
                c.purgeAt(),
                c.version() + 1);
        state.conversations.put(c.id().toString(), next);
        return next;
    }

    @Override
    public synchronized Optional<Conversation> findById(ConversationId id) {
        return Optional.ofNullable(state.conversations.get(id.toString()));
    }

    @Override
    public synchronized Optional<Conversation> findForUpdate(ConversationId id) {
        return findById(id);
    }

    @Override
    public synchronized Page<Membership> listFor(UserId user, PageRequest page) {
        List<Membership> rows = state.conversations.descendingMap().values().stream()
                .filter(c -> c.deletedAt().isEmpty())
                .filter(c -> page.after()
                        .map(a -> c.id().toString().compareTo(a) < 0)
                        .orElse(true))
                .flatMap(c -> roleOf(c.id(), user).map(r -> new Membership(c, r)).stream())
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(rows, page.limit(), m -> m.conversation().id().toString());
    }

    @Override
    public synchronized List<Conversation> ownedBy(UserId owner) {
        return state.conversations.values().stream()
                .filter(c -> c.ownerId().equals(owner))
                .toList();
    }

    @Override
    public synchronized List<Participant> participants(ConversationId id) {
        return state.participants.getOrDefault(id.toString(), new LinkedHashMap<>()).values().stream()
                .sorted(Comparator.comparing(Participant::addedAt)
                        .thenComparing(p -> p.userId().toString()))
                .toList();
    }

    @Override
    public synchronized Optional<Standing> findWithRole(ConversationId id, UserId user) {
        return findById(id).map(c -> new Standing(c, roleOf(id, user)));
    }

    private Optional<ParticipantRole> roleOf(ConversationId id, UserId user) {
        return Optional.ofNullable(state.participants
                        .getOrDefault(id.toString(), new LinkedHashMap<>())
                        .get(user))
                .map(Participant::role);
    }

    @Override
    public synchronized void saveParticipant(ConversationId id, Participant participant) {
        if (!users.contains(participant.userId())) {
            throw new InvalidInputException("userId", "no such user");
        }
        LinkedHashMap<UserId, Participant> people = state.participants.get(id.toString());
        if (people == null) {
            throw new NotFoundException("conversation", id);
        }
        Participant existing = people.get(participant.userId());
        people.put(
                participant.userId(),
                existing == null
                        ? participant
                        : new Participant(existing.userId(), participant.role(), existing.addedAt()));
    }

    @Override
    public synchronized boolean removeParticipant(ConversationId id, UserId user) {
        LinkedHashMap<UserId, Participant> people = state.participants.get(id.toString());
        return people != null && people.remove(user) != null;
    }

    @Override
    public synchronized long claimSequence(ConversationId id, Instant now) {
        Conversation c = findById(id).orElseThrow(() -> new NotFoundException("conversation", id));
        long next = c.exchangeCount() + 1;
        state.conversations.put(
                id.toString(),
                new Conversation(
                        c.id(),
                        c.ownerId(),
                        c.title(),
                        c.projectKey(),
                        c.workItemId(),
                        c.legalHold(),
                        next,
                        c.createdAt(),
                        now,
                        c.deletedAt(),
                        c.purgeAt(),
                        c.version()));
        return next;
    }

    @Override
    public synchronized void recordEvent(ConversationEvent event) {
        state.history.put(event.id().value(), event);
    }

    @Override
    public synchronized int forgetInHistory(UserId user) {
        int changed = 0;
        for (var entry : state.history.entrySet()) {
            ConversationEvent e = entry.getValue();
            if (e.details().containsValue(user.toString())) {
                Map<String, String> details = new TreeMap<>(e.details());
                details.replaceAll((k, v) -> v.equals(user.toString()) ? "erased" : v);
                entry.setValue(new ConversationEvent(
                        e.id(), e.conversationId(), e.exchangeId(), e.event(), e.actorId(), details, e.recordedAt()));
                changed++;
            }
        }
        return changed;
    }

    @Override
    public synchronized Page<ConversationEvent> history(ConversationId id, PageRequest page) {
        List<ConversationEvent> rows = (page.after().isPresent()
                        ? state.history.tailMap(page.after().get(), false)
                        : state.history)
                .values().stream()
                        .filter(e -> e.conversationId().equals(id))
                        .limit(page.limit() + 1L)
                        .toList();
        return Page.of(rows, page.limit(), e -> e.id().value());
    }

    @Override
    public synchronized List<RetentionCandidate> retentionCandidates(
            Optional<ConversationId> after, Instant inactiveSince, Instant now, int limit) {
        return (after.isPresent() ? state.conversations.tailMap(after.get().toString(), false) : state.conversations)
                .values().stream()
                        .filter(c -> !c.legalHold())
                        .filter(c -> !c.updatedAt().isAfter(inactiveSince)
                                || c.purgeAt().map(p -> !p.isAfter(now)).orElse(false))
                        .limit(limit)
                        .map(c -> new RetentionCandidate(c.id(), c.projectKey(), c.updatedAt(), c.purgeAt()))
                        .toList();
    }

    @Override
    public synchronized Optional<Purged> purge(ConversationId id) {
        String key = id.toString();
        int before = state.history.size();
        state.history.values().removeIf(e -> e.conversationId().equals(id));
        long history = before - state.history.size();
        long exchanges = 0;
        for (var it = state.exchanges.values().iterator(); it.hasNext(); ) {
            if (it.next().conversationId().equals(id)) {
                it.remove();
                exchanges++;
            }
        }
        LinkedHashMap<UserId, Participant> people = state.participants.remove(key);
        state.policies
                .values()
                .removeIf(p ->
                        p.scope() == RetentionScope.CONVERSATION && p.target().equals(key));
        return state.conversations.remove(key) == null
                ? Optional.empty()
                : Optional.of(new Purged(exchanges, people == null ? 0 : people.size(), history));
    }

    // --- exchanges

    @Override
    public synchronized void insert(Exchange exchange) {
        boolean taken = state.exchanges.values().stream()
                .anyMatch(e ->
                        e.conversationId().equals(exchange.conversationId()) && e.sequence() == exchange.sequence());
        if (taken) {
            throw ConflictException.duplicate("exchange", "sequence");
        }
        state.exchanges.put(exchange.id().toString(), exchange);
    }

    @Override
    public synchronized Exchange update(Exchange e) {
        Exchange stored = state.exchanges.get(e.id().toString());
        if (stored == null || stored.version() != e.version()) {
            throw ConflictException.staleVersion("exchange", e.id(), e.version());
        }
        Exchange next = new Exchange(
                e.id(),
                e.conversationId(),
                e.sequence(),
                e.authorId(),
                e.agentId(),
                e.requestContent(),
                e.responseContent(),
                e.state(),
                e.tokens(),
                e.findings(),
                e.createdAt(),
                e.updatedAt(),
                e.version() + 1);
        state.exchanges.put(e.id().toString(), next);
        return next;
    }

    @Override
    public synchronized Optional<Exchange> findById(ExchangeId id) {
        return Optional.ofNullable(state.exchanges.get(id.toString()));
    }

    @Override
    public synchronized Page<Exchange> page(ConversationId conversation, PageRequest page) {
        long after = page.after().map(Long::parseLong).orElse(0L);
        List<Exchange> rows = state.exchanges.values().stream()
                .filter(e -> e.conversationId().equals(conversation) && e.sequence() > after)
                .sorted(Comparator.comparingLong(Exchange::sequence))
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(rows, page.limit(), e -> Long.toString(e.sequence()));
    }

    @Override
    public synchronized long count(ConversationId conversation) {
        return state.exchanges.values().stream()
                .filter(e -> e.conversationId().equals(conversation))
                .count();
    }

    // --- retention policies

    @Override
    public synchronized void insert(RetentionPolicy policy) {
        if (find(policy.scope(), policy.target()).isPresent()) {
            throw ConflictException.duplicate("retention policy", "target");
        }
        state.policies.put(policy.id().toString(), policy);
    }

    @Override
    public synchronized RetentionPolicy update(RetentionPolicy p) {
        RetentionPolicy stored = state.policies.get(p.id().toString());
        if (stored == null || stored.version() != p.version()) {
            throw ConflictException.staleVersion("retention policy", p.id(), p.version());
        }
        RetentionPolicy next = new RetentionPolicy(
                p.id(), p.scope(), p.target(), p.rule(), p.createdAt(), p.updatedAt(), p.version() + 1);
        state.policies.put(p.id().toString(), next);
        return next;
    }

    @Override
    public synchronized Optional<RetentionPolicy> find(RetentionScope scope, String target) {
        return state.policies.values().stream()
                .filter(p -> p.scope() == scope && p.target().equals(target))
                .findFirst();
    }

    @Override
    public synchronized Optional<RetentionPolicy> findById(RetentionPolicyId id) {
        return Optional.ofNullable(state.policies.get(id.toString()));
    }

    @Override
    public synchronized List<RetentionPolicy> all() {
        List<RetentionPolicy> all = new ArrayList<>(state.policies.values());
        all.sort(Comparator.comparing(RetentionPolicy::scope).thenComparing(RetentionPolicy::target));
        return all;
    }

    @Override
    public synchronized boolean delete(RetentionPolicyId id) {
        return state.policies.remove(id.toString()) != null;
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
