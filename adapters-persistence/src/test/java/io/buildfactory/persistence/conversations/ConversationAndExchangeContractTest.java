package io.buildfactory.persistence.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.conversations.port.out.ConversationRepository.Purged;
import io.buildfactory.application.conversations.port.out.ConversationRepository.RetentionCandidate;
import io.buildfactory.application.conversations.port.out.ConversationRepository.Standing;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionRule;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.Paging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationAndExchangeContractTest extends OnBothEngines {

    JooqUserRepository users;
    JooqConversationRepository conversations;
    JooqExchangeRepository exchanges;
    JooqRetentionPolicyRepository policies;
    User owner;
    User guest;

    @BeforeEach
    void repositories() {
        Fixtures.projects(db.database(), "BF", "OPS");
        users = new JooqUserRepository(db.database());
        owner = fixtures.user();
        guest = fixtures.user();
        users.insert(owner);
        users.insert(guest);
        conversations = new JooqConversationRepository(db.database());
        exchanges = new JooqExchangeRepository(db.database());
        policies = new JooqRetentionPolicyRepository(db.database());
    }

    Conversation stored(String title) {
        Conversation c = fixtures.conversation(owner.id(), title);
        conversations.insert(c);
        return c;
    }

    Exchange appended(Conversation c) {
        Exchange e = fixtures.exchange(c.id(), conversations.claimSequence(c.id(), Fixtures.NOW), owner.id());
        exchanges.insert(e);
        return e;
    }

    @Test
    void conversation_round_trips_with_its_owner_as_first_participant_and_updates_optimistically() {
        Conversation c = new Conversation(
                fixtures.conversation(owner.id(), "Planning BF-213").id(),
                owner.id(),
                "Planning BF-213",
                Optional.of(new ProjectKey("BF")),
                Optional.empty(),
                false,
                0,
                Fixtures.NOW,
                Fixtures.NOW,
                Optional.empty(),
                Optional.empty(),
                1);
        conversations.insert(c);
        assertEquals(Optional.of(c), conversations.findById(c.id()));
        assertEquals(
                List.of(new Participant(owner.id(), ParticipantRole.OWNER, Fixtures.NOW)),
                conversations.participants(c.id()));

        Conversation renamed = conversations.update(c.rename("Planning BF-214", Fixtures.NOW.plusSeconds(1)));
        assertEquals(2, renamed.version());
        assertThrows(ConflictException.class, () -> conversations.update(c.rename("stale", Fixtures.NOW)));
        Conversation held = conversations.update(renamed.withLegalHold(true));
        assertEquals(Optional.of(held), conversations.findById(c.id()));
    }

    @Test
    void saving_a_copy_read_before_an_append_never_moves_the_last_activity_back() {
        Conversation c = stored("busy");
        conversations.claimSequence(c.id(), Fixtures.NOW.plusSeconds(60));
        conversations.update(c.withLegalHold(true)); // read before the append, saved after it
        Conversation now = conversations.findForUpdate(c.id()).orElseThrow();
        assertEquals(Fixtures.NOW.plusSeconds(60), now.updatedAt());
        assertTrue(now.legalHold());
        assertEquals(1, now.exchangeCount());
    }

    @Test
    void a_conversation_about_a_missing_work_item_is_refused_naming_the_field() {
        Conversation c = Conversation.start(
                fixtures.conversation(owner.id(), "x").id(),
                owner.id(),
                "x",
                Optional.empty(),
                Optional.of(new WorkItemId(fixtures.id())),
                Fixtures.NOW);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> conversations.insert(c));
        assertEquals("workItemId", refused.field());
        assertEquals(Optional.empty(), conversations.findById(c.id()), "nothing half-stored");
    }

    @Test
    void participants_see_their_live_conversations_newest_first_with_their_role() {
        Conversation first = stored("first");
        Conversation second = stored("second");
        Conversation deleted = stored("deleted");
        conversations.saveParticipant(first.id(), new Participant(guest.id(), ParticipantRole.VIEWER, Fixtures.NOW));
        conversations.saveParticipant(first.id(), new Participant(guest.id(), ParticipantRole.EDITOR, Fixtures.NOW));
        conversations.update(deleted.markDeleted(Fixtures.NOW, Duration.ofDays(30)));

        List<Membership> mine = Paging.all(1, page -> conversations.listFor(owner.id(), page));
        assertEquals(
                List.of(second.id(), first.id()),
                mine.stream().map(m -> m.conversation().id()).toList());
        List<Membership> theirs = Paging.all(10, page -> conversations.listFor(guest.id(), page));
        assertEquals(List.of(new Membership(first, ParticipantRole.EDITOR)), theirs);
        assertEquals(
                Optional.of(new Standing(first, Optional.of(ParticipantRole.EDITOR))),
                conversations.findWithRole(first.id(), guest.id()));
        assertEquals(
                Optional.of(new Standing(second, Optional.empty())),
                conversations.findWithRole(second.id(), guest.id()));
        assertEquals(Optional.empty(), conversations.findWithRole(new ConversationId(fixtures.id()), guest.id()));
        assertTrue(conversations.removeParticipant(first.id(), guest.id()));
        assertEquals(
                Optional.empty(),
                conversations.findWithRole(first.id(), guest.id()).orElseThrow().role());
        InvalidInputException stranger = assertThrows(
                InvalidInputException.class,
                () -> conversations.saveParticipant(
                        first.id(), new Participant(new UserId(fixtures.id()), ParticipantRole.VIEWER, Fixtures.NOW)));
        assertEquals("userId", stranger.field());
    }

    @Test
    void exchanges_take_sequence_numbers_from_their_conversation_and_page_in_order() {
        Conversation c = stored("long");
        List<Exchange> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            appended.add(appended(c));
        }
        assertEquals(12, exchanges.count(c.id()));
        assertEquals(12, conversations.findById(c.id()).orElseThrow().exchangeCount());
        assertEquals(
                List.of(1L, 2L, 3L),
                appended.subList(0, 3).stream().map(Exchange::sequence).toList());
        assertEquals(appended, Paging.all(5, page -> exchanges.page(c.id(), page)));
    }

    @Test
    void a_sequence_number_is_taken_once_per_conversation() {
        Conversation c = stored("race");
        exchanges.insert(fixtures.exchange(c.id(), 1, owner.id()));
        ConflictException conflict =
                assertThrows(ConflictException.class, () -> exchanges.insert(fixtures.exchange(c.id(), 1, owner.id())));
        assertEquals("sequence", conflict.field());
    }

    @Test
    void exchange_state_changes_are_stored_with_the_response_and_findings() {
        Conversation c = stored("states");
        Exchange e = fixtures.exchange(c.id(), 1, owner.id());
        exchanges.insert(e);
        Exchange running = exchanges.update(e.moveTo(ExchangeState.IN_PROGRESS, Fixtures.NOW.plusSeconds(1)));
        Exchange done = exchanges.update(running.moveTo(
                ExchangeState.COMPLETED,
                Optional.of("the answer"),
                Map.of(SensitiveKind.EMAIL, 2),
                Optional.of(new TokenUsage(120, 45)),
                Fixtures.NOW.plusSeconds(2)));
        assertEquals(Optional.of(done), exchanges.findById(e.id()));
        assertEquals(
                Map.of(SensitiveKind.EMAIL, 2),
                exchanges.findById(e.id()).orElseThrow().findings());
        assertEquals(3, done.version());
        assertThrows(
                ConflictException.class, () -> exchanges.update(running.moveTo(ExchangeState.FAILED, Fixtures.NOW)));
    }

    @Test
    void history_pages_in_order() {
        Conversation c = stored("history");
        List<ConversationEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ConversationEvent e = new ConversationEvent(
                    fixtures.id(),
                    c.id(),
                    Optional.empty(),
                    "conversation.renamed",
                    Optional.of(owner.id()),
                    Map.of("n", Integer.toString(i)),
                    Fixtures.NOW);
            conversations.recordEvent(e);
            events.add(e);
        }
        assertEquals(events, Paging.all(3, page -> conversations.history(c.id(), page)));
    }

    @Test
    void retention_candidates_are_the_inactive_and_the_due_deletions_but_never_held_ones() {
        Conversation old = stored("old");
        Conversation deleted = stored("deleted");
        Conversation held = stored("held");
        Conversation fresh = stored("fresh");
        conversations.claimSequence(fresh.id(), Fixtures.NOW.plus(Duration.ofDays(10)));
        conversations.update(conversations
                .findById(deleted.id())
                .orElseThrow()
                .markDeleted(Fixtures.NOW.plus(Duration.ofDays(10)), Duration.ZERO));
        conversations.update(held.withLegalHold(true));

        List<RetentionCandidate> due = conversations.retentionCandidates(
                Optional.empty(), Fixtures.NOW.plus(Duration.ofDays(1)), Fixtures.NOW.plus(Duration.ofDays(10)), 10);
        assertEquals(
                List.of(old.id(), deleted.id()),
                due.stream().map(RetentionCandidate::id).toList());
        assertEquals(
                List.of(deleted.id()),
                conversations
                        .retentionCandidates(
                                Optional.of(old.id()),
                                Fixtures.NOW.plus(Duration.ofDays(1)),
                                Fixtures.NOW.plus(Duration.ofDays(10)),
                                10)
                        .stream()
                        .map(RetentionCandidate::id)
                        .toList());
    }

    @Test
    void purging_removes_the_conversation_with_everything_that_hangs_on_it_and_says_what() {
        Conversation c = stored("to purge");
        Exchange e = appended(c);
        appended(c);
        conversations.saveParticipant(c.id(), new Participant(guest.id(), ParticipantRole.VIEWER, Fixtures.NOW));
        conversations.recordEvent(new ConversationEvent(
                fixtures.id(),
                c.id(),
                Optional.of(e.id()),
                "exchange.created",
                Optional.of(owner.id()),
                Map.of(),
                Fixtures.NOW));
        RetentionPolicy own = new RetentionPolicy(
                new RetentionPolicyId(fixtures.id()),
                RetentionScope.CONVERSATION,
                c.id().toString(),
                RetentionRule.deleteAfterDays(3),
                Fixtures.NOW,
                Fixtures.NOW,
                1);
        policies.insert(own);

        assertEquals(Optional.of(new Purged(2, 2, 1)), conversations.purge(c.id()));
        assertEquals(Optional.empty(), conversations.purge(c.id()));
        assertEquals(Optional.empty(), exchanges.findById(e.id()));
        assertEquals(List.of(), conversations.participants(c.id()));
        assertEquals(Optional.empty(), policies.findById(own.id()), "its own retention policy goes with it");
    }

    @Test
    void retention_policies_are_one_per_scope_and_target_and_update_optimistically() {
        RetentionPolicy global = new RetentionPolicy(
                new RetentionPolicyId(fixtures.id()),
                RetentionScope.GLOBAL,
                null,
                RetentionRule.deleteAfterDays(90),
                Fixtures.NOW,
                Fixtures.NOW,
                1);
        RetentionPolicy project = new RetentionPolicy(
                new RetentionPolicyId(fixtures.id()),
                RetentionScope.PROJECT,
                "BF",
                RetentionRule.keepForever(),
                Fixtures.NOW,
                Fixtures.NOW,
                1);
        policies.insert(global);
        policies.insert(project);
        assertEquals(
                "target",
                assertThrows(
                                ConflictException.class,
                                () -> policies.insert(new RetentionPolicy(
                                        new RetentionPolicyId(fixtures.id()),
                                        RetentionScope.PROJECT,
                                        "BF",
                                        RetentionRule.keepForever(),
                                        Fixtures.NOW,
                                        Fixtures.NOW,
                                        1)))
                        .field());
        assertEquals(List.of(global, project), policies.all());
        assertEquals(Optional.of(project), policies.find(RetentionScope.PROJECT, "BF"));
        RetentionPolicy changed = policies.update(global.withRule(RetentionRule.deleteAfterDays(30), Fixtures.NOW));
        assertEquals(Optional.of(changed), policies.find(RetentionScope.GLOBAL, RetentionPolicy.GLOBAL_TARGET));
        assertThrows(ConflictException.class, () -> policies.update(global));
        assertTrue(policies.delete(project.id()));
        assertEquals(List.of(changed), policies.all());
    }
}
