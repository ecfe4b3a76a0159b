package io.buildfactory.application.audit.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import java.util.Optional;

/** Walks the audit chain from the first entry and reports the first broken one, or that all is intact. */
public interface VerifyAuditChainUseCase {

    Verification verify(Actor actor);

    /** For the command line and jobs: the service itself is asking. */
    Verification verifyAsSystem();

    /**
     * As {@link #verifyAsSystem()}, stopping after entry {@code lastSequence}: what a copy of the chain taken when
     * it ended there must match, however many entries were appended since.
     */
    Verification verifyAsSystemUpTo(long lastSequence);

    /**
     * @param intact          whether every entry is where the chain says and hashes to its stored hash
     * @param entries         how many entries were checked
     * @param headHash        the hash of the last entry checked (the chain's head when intact)
     * @param firstBroken     the sequence number of the first entry that fails, if any
     * @param problem         what is wrong with it
     */
    record Verification(
            boolean intact, long entries, String headHash, Optional<Long> firstBroken, Optional<String> problem) {}
}
