package io.buildfactory.persistence.workitems;

import static io.buildfactory.persistence.jooq.Tables.WORK_ITEMS;
import static io.buildfactory.persistence.jooq.Tables.WORK_ITEM_COUNTERS;
import static io.buildfactory.persistence.jooq.Tables.WORK_ITEM_DEPENDENCIES;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.ValidationResult;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.WorkItemsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

public final class JooqWorkItemRepository implements WorkItemRepository {

    private static final TypeReference<List<DoneCriterion>> CRITERIA = new TypeReference<>() {};
    private static final TypeReference<ValidationResult> VALIDATION = new TypeReference<>() {};

    private final Database db;

    public JooqWorkItemRepository(Database db) {
        this.db = db;
    }

    @Override
    public long nextNumber(ProjectKey project, Instant now) {
        // The upsert locks the counter row until the transaction ends, so the read after it sees our number.
        return db.transaction(() -> {
            db.dsl()
                    .insertInto(WORK_ITEM_COUNTERS)
                    .set(WORK_ITEM_COUNTERS.PROJECT_KEY, project.value())
                    .set(WORK_ITEM_COUNTERS.LAST_NUMBER, 1L)
                    .set(WORK_ITEM_COUNTERS.UPDATED_AT, Timestamps.stored(now))
                    .onConflict(WORK_ITEM_COUNTERS.PROJECT_KEY)
                    .doUpdate()
                    .set(WORK_ITEM_COUNTERS.LAST_NUMBER, WORK_ITEM_COUNTERS.LAST_NUMBER.plus(1))
                    .set(WORK_ITEM_COUNTERS.UPDATED_AT, Timestamps.stored(now))
                    .execute();
            return db.dsl()
                    .select(WORK_ITEM_COUNTERS.LAST_NUMBER)
                    .from(WORK_ITEM_COUNTERS)
                    .where(WORK_ITEM_COUNTERS.PROJECT_KEY.eq(project.value()))
                    .fetchOne(0, Long.class);
        });
    }

    @Override
    public void insert(WorkItem item) {
        db.transaction(() -> {
            db.dsl().executeInsert(toRecord(item));
            writeDependencies(item);
            return null;
        });
    }

    private void writeDependencies(WorkItem item) {
        db.dsl()
                .deleteFrom(WORK_ITEM_DEPENDENCIES)
                .where(WORK_ITEM_DEPENDENCIES.WORK_ITEM_ID.eq(item.id().toString()))
                .execute();
        for (WorkItemId dependency : item.dependencies()) {
            db.dsl()
                    .insertInto(WORK_ITEM_DEPENDENCIES)
                    .set(WORK_ITEM_DEPENDENCIES.WORK_ITEM_ID, item.id().toString())
                    .set(WORK_ITEM_DEPENDENCIES.DEPENDS_ON_ID, dependency.toString())
                    .execute();
        }
    }

    @Override
    public Optional<WorkItem> findById(WorkItemId id) {
        return one(WORK_ITEMS.ID.eq(id.toString()));
    }

    @Override
    public Optional<WorkItem> findByKey(WorkItemKey key) {
        return one(WORK_ITEMS.PROJECT_KEY.eq(key.project().value()).and(WORK_ITEMS.NUMBER.eq(key.number())));
    }

    private Optional<WorkItem> one(Condition condition) {
        return db.dsl()
                .selectFrom(WORK_ITEMS)
                .where(condition)
                .fetchOptional()
                .map(r -> toDomain(r, dependenciesOf(r.getId())));
    }

    private List<WorkItemId> dependenciesOf(String id) {
        return db.dsl()
                .select(WORK_ITEM_DEPENDENCIES.DEPENDS_ON_ID)
                .from(WORK_ITEM_DEPENDENCIES)
                .where(WORK_ITEM_DEPENDENCIES.WORK_ITEM_ID.eq(id))
                .orderBy(WORK_ITEM_DEPENDENCIES.DEPENDS_ON_ID)
                .fetch(r -> WorkItemId.parse(r.value1()));
    }

    @Override
    public WorkItem update(WorkItem item) {
        WorkItem next = item.nextVersion();
        int updated = db.transaction(() -> {
            int rows = db.dsl()
                    .update(WORK_ITEMS)
                    .set(toRecord(next))
                    .where(WORK_ITEMS.ID.eq(item.id().toString()))
                    .and(WORK_ITEMS.VERSION.eq(item.version()))
                    .execute();
            if (rows > 0) {
                writeDependencies(next);
            }
            return rows;
        });
        if (updated == 0) {
            throw ConflictException.staleVersion("work item", item.key().display(), item.version());
        }
        return next;
    }

    @Override
    public Page<WorkItem> list(WorkItemFilter f, PageRequest page) {
        List<Condition> where = new ArrayList<>();
        f.project().ifPresent(p -> where.add(WORK_ITEMS.PROJECT_KEY.eq(p.value())));
        f.within()
                .ifPresent(keys -> where.add(WORK_ITEMS.PROJECT_KEY.in(
                        keys.stream().map(ProjectKey::value).toList())));
        f.lane().ifPresent(l -> where.add(WORK_ITEMS.LANE.eq(l.code())));
        f.workType().ifPresent(t -> where.add(WORK_ITEMS.WORK_TYPE.eq(t.code())));
        f.text().ifPresent(t -> where.add(DSL.lower(WORK_ITEMS.TITLE).contains(t.toLowerCase(Locale.ROOT))));
        page.after()
                .ifPresent(
                        c -> where.add(WORK_ITEMS.ID.gt(Ulid.parse("cursor", c).value())));
        List<WorkItemsRecord> rows = db.dsl()
                .selectFrom(WORK_ITEMS)
                .where(where)
                .orderBy(WORK_ITEMS.ID)
                .limit(page.limit() + 1)
                .fetch();
        Map<String, List<WorkItemId>> dependencies = db.dsl()
                .select(WORK_ITEM_DEPENDENCIES.WORK_ITEM_ID, WORK_ITEM_DEPENDENCIES.DEPENDS_ON_ID)
                .from(WORK_ITEM_DEPENDENCIES)
                .where(WORK_ITEM_DEPENDENCIES.WORK_ITEM_ID.in(
                        rows.stream().map(WorkItemsRecord::getId).toList()))
                .fetchGroups(r -> r.value1(), r -> WorkItemId.parse(r.value2()));
        List<WorkItem> items = rows.stream()
                .map(r -> toDomain(r, dependencies.getOrDefault(r.getId(), List.of())))
                .toList();
        return Page.of(items, page.limit(), i -> i.id().toString());
    }

    @Override
    public Map<WorkItemId, Lane> lanesOf(Collection<WorkItemId> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return db.dsl()
                .select(WORK_ITEMS.ID, WORK_ITEMS.LANE)
                .from(WORK_ITEMS)
                .where(WORK_ITEMS.ID.in(
                        itemIds.stream().map(WorkItemId::toString).toList()))
                .fetchMap(r -> WorkItemId.parse(r.value1()), r -> Lane.fromCode(r.value2()));
    }

    /** The item's own columns; the card it came from is a link of its own ({@code card_id}), never written here. */
    private static WorkItemsRecord toRecord(WorkItem i) {
        WorkItemsRecord record = new WorkItemsRecord(
                i.id().toString(),
                i.key().project().value(),
                i.key().number(),
                i.title(),
                i.description(),
                i.workType().code(),
                i.lane().code(),
                i.source(),
                i.branch().orElse(null),
                i.validationCommand().orElse(null),
                i.pullRequest().map(PullRequest::url).orElse(null),
                i.pullRequest().map(pr -> pr.state().code()).orElse(null),
                JsonText.write(i.doneCriteria()),
                i.promptContext().map(PromptContext::path).orElse(null),
                i.promptContext().map(PromptContext::text).orElse(null),
                i.blockedReason().orElse(null),
                i.lastValidation().map(JsonText::write).orElse(null),
                i.createdAt(),
                i.updatedAt(),
                i.version(),
                null);
        record.changed(WORK_ITEMS.CARD_ID, false);
        return record;
    }

    private static WorkItem toDomain(WorkItemsRecord r, List<WorkItemId> dependencies) {
        Optional<PullRequest> pr = Optional.ofNullable(r.getPrUrl())
                .map(url -> new PullRequest(url, PullRequest.State.fromCode(r.getPrState())));
        Optional<PromptContext> prompt =
                Optional.ofNullable(r.getPromptPath()).map(path -> new PromptContext(path, r.getPromptText()));
        return new WorkItem(
                WorkItemId.parse(r.getId()),
                new WorkItemKey(new ProjectKey(r.getProjectKey()), r.getNumber()),
                r.getTitle(),
                r.getDescription(),
                WorkType.fromCode(r.getWorkType()),
                Lane.fromCode(r.getLane()),
                r.getSource(),
                Optional.ofNullable(r.getBranch()),
                Optional.ofNullable(r.getValidationCommand()),
                pr,
                JsonText.read(r.getDoneCriteria(), CRITERIA),
                prompt,
                dependencies,
                Optional.ofNullable(r.getBlockedReason()),
                Optional.ofNullable(r.getLastValidation()).map(v -> JsonText.read(v, VALIDATION)),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
