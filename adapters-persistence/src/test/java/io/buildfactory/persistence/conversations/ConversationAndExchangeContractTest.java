package io.buildfactory.persistence.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationAndExchangeContractTest extends OnBothEngines {

    JooqConversationRepository conversations;
    JooqExchangeRepository exchanges;
    User owner;

    @BeforeEach
    void repositories() {
        JooqUserRepository users = new JooqUserRepository(db.database());
        owner = fixtures.user();
        users.insert(owner);
        conversations = new JooqConversationRepository(db.database());
        exchanges = new JooqExchangeRepository(db.database());
    }

    @Test
    void conversation_round_trips_and_updates_optimistically() {
        Conversation c = fixtures.conversation(owner.id(), "Planning BF-213");
        conversations.insert(c);
        assertEquals(Optional.of(c), conversations.findById(c.id()));

        Conversation renamed = conversations.update(c.rename("Planning BF-214", Fixtures.NOW.plusSeconds(1)));
        assertEquals(2, renamed.version());
        assertThrows(ConflictException.class, () -> conversations.update(c.rename("stale", Fixtures.NOW)));
        assertEquals("Planning BF-214", conversations.findById(c.id()).orElseThrow().title());
    }

    @Test
    void owners_see_their_live_conversations_newest_first() {
        Conversation first = fixtures.conversation(owner.id(), "first");
        Conversation second = fixtures.conversation(owner.id(), "second");
        Conversation deleted = fixtures.conversation(owner.id(), "deleted");
        List.of(first, second, deleted).forEach(conversations::insert);
        conversations.update(deleted.markDeleted(Fixtures.NOW));

        Page<Conversation> page = conversations.listOwnedBy(owner.id(), PageRequest.first(1));
        assertEquals(List.of(second), page.items());
        Page<Conversation> next = conversations.listOwnedBy(owner.id(), PageRequest.first(1).next(page.nextCursor().orElseThrow()));
        assertEquals(List.of(first), next.items());
        assertEquals(Optional.empty(), next.nextCursor());
    }

    @Test
    void exchanges_append_in_sequence_and_page_in_order() {
        Conversation c = fixtures.conversation(owner.id(), "long");
        conversations.insert(c);
        List<Exchange> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Exchange e = fixtures.exchange(c.id(), exchanges.nextSequence(c.id()), owner.id());
            exchanges.insert(e);
            appended.add(e);
        }
        assertEquals(12, exchanges.count(c.id()));
        assertEquals(appended, Paging.all(5, page -> exchanges.page(c.id(), page)));
    }

    @Test
    void a_sequence_number_is_taken_once_per_conversation() {
        Conversation c = fixtures.conversation(owner.id(), "race");
        conversations.insert(c);
        exchanges.insert(fixtures.exchange(c.id(), 1, owner.id()));
        ConflictException conflict = assertThrows(ConflictException.class,
                () -> exchanges.insert(fixtures.exchange(c.id(), 1, owner.id())));
        assertEquals("sequence", conflict.field());
    }

    @Test
    void exchange_state_changes_are_stored_with_the_response() {
        Conversation c = fixtures.conversation(owner.id(), "states");
        conversations.insert(c);
        Exchange e = fixtures.exchange(c.id(), 1, owner.id());
        exchanges.insert(e);
        Exchange running = exchanges.update(e.moveTo(ExchangeState.IN_PROGRESS, Fixtures.NOW.plusSeconds(1)));
        Exchange done = exchanges.update(running.complete("the answer", new TokenUsage(120, 45), Fixtures.NOW.plusSeconds(2)));
        assertEquals(Optional.of(done), exchanges.findById(e.id()));
        assertEquals(3, done.version());
        assertThrows(ConflictException.class, () -> exchanges.update(running.moveTo(ExchangeState.FAILED, Fixtures.NOW)));
    }

    @Test
    void purging_a_conversation_removes_its_exchanges() {
        Conversation c = fixtures.conversation(owner.id(), "to purge");
        conversations.insert(c);
        Exchange e = fixtures.exchange(c.id(), 1, owner.id());
        exchanges.insert(e);
        assertTrue(conversations.purge(c.id()));
        assertFalse(conversations.purge(c.id()));
        assertEquals(Optional.empty(), exchanges.findById(e.id()));
        assertEquals(0, exchanges.count(c.id()));
    }
}
