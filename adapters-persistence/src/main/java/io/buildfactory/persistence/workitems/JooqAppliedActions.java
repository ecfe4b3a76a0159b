package io.buildfactory.persistence.workitems;

import static io.buildfactory.persistence.jooq.Tables.WORK_ITEM_ACTION_REQUESTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buildfactory.application.workitems.port.out.AppliedActions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DomainJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * Applied actions by idempotency key. The outcome is stored as JSON of the domain records themselves (their
 * components, read back through their constructors, which check them again), so a replay rebuilds the very
 * outcome the first request had and the edge renders it through the same view.
 */
public final class JooqAppliedActions implements AppliedActions {

    private static final ObjectMapper OUTCOMES = DomainJson.MAPPER;

    private final Database db;

    public JooqAppliedActions(Database db) {
        this.db = db;
    }

    @Override
    public Optional<ActionOutcome.Applied> find(WorkItemId item, String idempotencyKey) {
        return db.dsl()
                .select(WORK_ITEM_ACTION_REQUESTS.OUTCOME)
                .from(WORK_ITEM_ACTION_REQUESTS)
                .where(WORK_ITEM_ACTION_REQUESTS.WORK_ITEM_ID.eq(item.toString()))
                .and(WORK_ITEM_ACTION_REQUESTS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(r -> read(r.value1()));
    }

    @Override
    public void keep(String idempotencyKey, UserId actor, ActionOutcome.Applied outcome, Instant at) {
        try {
            db.transaction(() -> db.dsl()
                    .insertInto(WORK_ITEM_ACTION_REQUESTS)
                    .set(
                            WORK_ITEM_ACTION_REQUESTS.WORK_ITEM_ID,
                            outcome.item().id().toString())
                    .set(WORK_ITEM_ACTION_REQUESTS.IDEMPOTENCY_KEY, idempotencyKey)
                    .set(WORK_ITEM_ACTION_REQUESTS.ACTION, outcome.action().code())
                    .set(WORK_ITEM_ACTION_REQUESTS.ACTOR, actor.toString())
                    .set(WORK_ITEM_ACTION_REQUESTS.OUTCOME, write(outcome))
                    .set(WORK_ITEM_ACTION_REQUESTS.CREATED_AT, Timestamps.stored(at))
                    .execute());
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "idempotency_key")
                    || Constraints.isUniqueViolation(e, "work_item_action_requests")) {
                throw ConflictException.duplicate("action request", "Idempotency-Key");
            }
            throw e;
        }
    }

    /**
     * The stored form: the outcome under a format number, so that a later change to the domain records can read
     * (or convert) what an earlier version kept. {@code AppliedActionsFormatTest} pins every format to the byte.
     * Format 1 also held the item's status and state, which are derived from its lane since format 2.
     */
    record Stored(int format, ActionOutcome.Applied outcome) {
        static final int CURRENT = 2;
    }

    static String write(ActionOutcome.Applied outcome) {
        try {
            return OUTCOMES.writeValueAsString(new Stored(Stored.CURRENT, outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome always serialises", e);
        }
    }

    static ActionOutcome.Applied read(String json) {
        try {
            JsonNode stored = OUTCOMES.readTree(json);
            if (!stored.path("format").isInt()
                    || !stored.path("outcome").path("item").isObject()) {
                throw new IllegalStateException("a stored outcome has no format or no item: " + abbreviated(json));
            }
            int format = stored.path("format").asInt();
            if (format == 1) {
                ((ObjectNode) stored.path("outcome").path("item")).remove(List.of("status", "state"));
            } else if (format != Stored.CURRENT) {
                throw new IllegalStateException("a stored outcome in format " + format + " is newer than this build");
            }
            return OUTCOMES.treeToValue(stored.path("outcome"), ActionOutcome.Applied.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored outcome does not read back: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviated(String json) {
        return json.length() <= 80 ? json : json.substring(0, 80) + "…";
    }
}
