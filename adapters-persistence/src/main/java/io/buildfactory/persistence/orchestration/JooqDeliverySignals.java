package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.PROJECTS;
import static io.buildfactory.persistence.jooq.Tables.SYSTEM_POLICY_PROFILES;

import io.buildfactory.application.workitems.port.out.DeliverySignals;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.persistence.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A card's delivery read from the orchestration tables in one transaction, so the signals agree with each other:
 * the latest run by the card's assignments, the run's checks, the assignment's candidate and its latest approval.
 */
public final class JooqDeliverySignals implements DeliverySignals {

    private final Database db;
    private final JooqRunRepository runs;
    private final JooqReviewRepository reviews;

    public JooqDeliverySignals(Database db) {
        this.db = db;
        this.runs = new JooqRunRepository(db);
        this.reviews = new JooqReviewRepository(db);
    }

    @Override
    public Delivery of(CardId card) {
        return db.transaction(() -> new Delivery(card, runs.latestOf(card).map(run -> {
            Optional<PullRequestCandidate> candidate = runs.assignmentsOf(run.id()).stream()
                    .filter(a -> a.card().equals(card))
                    .findFirst()
                    .flatMap(a -> reviews.candidateOf(a.id()));
            Optional<ApprovalRequest> approval = candidate
                    .map(c -> reviews.approvalsOf(c.id()))
                    .filter(all -> !all.isEmpty())
                    .map(List::getLast);
            return new Delivery.Progress(run, reviews.checksOf(run.id()), candidate, approval);
        })));
    }

    @Override
    public Duration staleAfter(ProjectKey project) {
        return db.dsl()
                .select(SYSTEM_POLICY_PROFILES.SIGNALS_STALE_AFTER_SECONDS)
                .from(SYSTEM_POLICY_PROFILES)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(SYSTEM_POLICY_PROFILES.PROJECT_ID))
                .where(PROJECTS.PROJECT_KEY.eq(project.value()))
                .fetchOptional(SYSTEM_POLICY_PROFILES.SIGNALS_STALE_AFTER_SECONDS)
                .map(Duration::ofSeconds)
                .orElse(PolicyProfile.DEFAULT_SIGNALS_STALE_AFTER);
    }
}
