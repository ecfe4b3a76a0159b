package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a card knows: a requirement, a known fact or an assumption (with a confidence from 0 to 100), or a
 * question (open, answered with its answer, or dropped). Ordered among the card's items of the same kind.
 */
public record KnowledgeItem(
        KnowledgeItemId id,
        CardId card,
        KnowledgeKind kind,
        String text,
        Optional<String> source,
        Optional<Integer> confidence,
        Optional<String> answer,
        Optional<QuestionStatus> questionStatus,
        Rank rank,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int TEXT_MAX = 10_000;
    public static final int SOURCE_MAX = 2000;

    public KnowledgeItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(kind, "kind");
        text = Text.required("text", text, TEXT_MAX);
        source = Text.optional("source", source, SOURCE_MAX);
        Objects.requireNonNull(confidence, "confidence");
        if (confidence.isPresent() && !kind.hasConfidence()) {
            throw new InvalidInputException("confidence", "is only for known facts and assumptions");
        }
        if (confidence.isPresent() && (confidence.get() < 0 || confidence.get() > 100)) {
            throw new InvalidInputException("confidence", "must be from 0 to 100");
        }
        answer = Text.optional("answer", answer, TEXT_MAX);
        Objects.requireNonNull(questionStatus, "questionStatus");
        if (kind != KnowledgeKind.QUESTION) {
            if (answer.isPresent()) {
                throw new InvalidInputException("answer", "is only for questions");
            }
            if (questionStatus.isPresent()) {
                throw new InvalidInputException("status", "is only for questions");
            }
        } else {
            // an answer makes a question answered; an answered question has its answer
            if (questionStatus.isEmpty()) {
                questionStatus = Optional.of(answer.isPresent() ? QuestionStatus.ANSWERED : QuestionStatus.OPEN);
            }
            if ((questionStatus.get() == QuestionStatus.ANSWERED) != answer.isPresent()) {
                throw new InvalidInputException(
                        answer.isPresent() ? "status" : "answer",
                        answer.isPresent()
                                ? "must be answered when the question has an answer"
                                : "is required when the question is answered");
            }
        }
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static KnowledgeItem create(
            KnowledgeItemId id,
            CardId card,
            KnowledgeKind kind,
            String text,
            Optional<String> source,
            Optional<Integer> confidence,
            Optional<String> answer,
            Optional<QuestionStatus> status,
            Rank rank,
            Instant now) {
        return new KnowledgeItem(id, card, kind, text, source, confidence, answer, status, rank, now, now, 1);
    }

    public KnowledgeItem edit(
            String text,
            Optional<String> source,
            Optional<Integer> confidence,
            Optional<String> answer,
            Optional<QuestionStatus> status,
            Instant now) {
        return new KnowledgeItem(
                id, card, kind, text, source, confidence, answer, status, rank, createdAt, now, version);
    }

    public KnowledgeItem movedTo(Rank rank, Instant now) {
        return new KnowledgeItem(
                id, card, kind, text, source, confidence, answer, questionStatus, rank, createdAt, now, version);
    }

    public KnowledgeItem nextVersion() {
        return new KnowledgeItem(
                id,
                card,
                kind,
                text,
                source,
                confidence,
                answer,
                questionStatus,
                rank,
                createdAt,
                updatedAt,
                version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
