package io.buildfactory.persistence.workitems;

import static io.buildfactory.persistence.jooq.Tables.WORK_ITEM_HISTORY;

import io.buildfactory.application.workitems.port.out.WorkItemHistory;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;

/** Snapshots of work items, one row each, as JSON of every field the way the API shows it. */
public final class JooqWorkItemHistory implements WorkItemHistory {

    private final Database db;
    private final IdGenerator ids;

    public JooqWorkItemHistory(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    @Override
    public void recordHistory(WorkItem item, String reason, String actor, Instant at) {
        db.transaction(() -> db.dsl()
                .insertInto(WORK_ITEM_HISTORY)
                .set(WORK_ITEM_HISTORY.ID, ids.next().value())
                .set(WORK_ITEM_HISTORY.WORK_ITEM_ID, item.id().toString())
                .set(WORK_ITEM_HISTORY.ITEM_VERSION, item.version())
                .set(WORK_ITEM_HISTORY.REASON, reason)
                .set(WORK_ITEM_HISTORY.CAPTURED_BY, actor)
                .set(WORK_ITEM_HISTORY.SNAPSHOT, JsonText.write(snapshot(item)))
                .set(WORK_ITEM_HISTORY.CREATED_AT, Timestamps.stored(at))
                .execute());
    }

    /** The item as a plain map, for history: every field, the way the API shows it. */
    private static Map<String, Object> snapshot(WorkItem i) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", i.id().toString());
        s.put("key", i.key().display());
        s.put("title", i.title());
        s.put("workType", i.workType().code());
        s.put("lane", i.lane().code());
        s.put("status", i.status());
        s.put("state", i.state());
        s.put("source", i.source());
        s.put("branch", i.branch().orElse(null));
        s.put("validationCommand", i.validationCommand().orElse(null));
        s.put(
                "pullRequest",
                i.pullRequest()
                        .map(pr -> Map.of("url", pr.url(), "state", pr.state().code()))
                        .orElse(null));
        s.put("doneCriteria", i.doneCriteria());
        s.put("promptContextPath", i.promptContext().map(PromptContext::path).orElse(null));
        s.put(
                "dependencies",
                i.dependencies().stream().map(WorkItemId::toString).toList());
        s.put("blockedReason", i.blockedReason().orElse(null));
        s.put("lastValidation", i.lastValidation().orElse(null));
        s.put("version", i.version());
        return s;
    }

    @Override
    public Page<HistoryEntry> history(WorkItemId item, PageRequest page) {
        List<Condition> where = new ArrayList<>(List.of(WORK_ITEM_HISTORY.WORK_ITEM_ID.eq(item.toString())));
        page.after()
                .ifPresent(c -> where.add(
                        WORK_ITEM_HISTORY.ID.gt(Ulid.parse("cursor", c).value())));
        var rows = db.dsl()
                .selectFrom(WORK_ITEM_HISTORY)
                .where(where)
                .orderBy(WORK_ITEM_HISTORY.ID)
                .limit(page.limit() + 1)
                .fetch(r -> new HistoryEntry(
                        r.getId(),
                        r.getItemVersion(),
                        r.getReason(),
                        r.getCapturedBy(),
                        JsonText.compact(r.getSnapshot()),
                        r.getCreatedAt()));
        return Page.of(rows, page.limit(), HistoryEntry::id);
    }
}
