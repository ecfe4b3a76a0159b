package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.UserId;

/**
 * A user's right to erasure: their account, sessions, tokens and links, and every conversation they own are
 * removed for good; their exchanges in others' conversations keep no author. Users may erase themselves;
 * erasing someone else needs {@code factory.user.manage}. The audit log keeps a tombstone with ids and counts.
 */
public interface EraseUserUseCase {

    record Erasure(UserId user, int conversationsPurged, long exchangesPurged) {}

    Erasure erase(Actor actor, UserId user);
}
