package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.orchestration.port.out.MemoryRepository;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.memory.MemoryKind;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.memory.RetrievalId;
import io.buildfactory.domain.memory.SearchText;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory units, their scopes, their full-text search and the retrieval log, held to the same answers on both
 * databases: FTS5 with BM25 on SQLite, a tsvector with ts_rank on PostgreSQL.
 */
class MemoryRepositoryContractTest extends OnBothEngines {

    JooqMemoryRepository memory;
    JooqRetrievalLog log;
    Project bf;
    Project ops;
    Workflow workflow;
    Card card;
    Card other;
    UserId author;

    @BeforeEach
    void plan() {
        memory = new JooqMemoryRepository(db.database());
        log = new JooqRetrievalLog(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        JooqWorkflowRepository workflows = new JooqWorkflowRepository(db.database());
        workflow = fixtures.workflow(bf.id(), "V");
        workflows.insert(workflow);
        Activity activity = fixtures.activity(workflow, "V");
        workflows.insert(activity);
        JooqCardRepository cards = new JooqCardRepository(db.database());
        card = fixtures.card(activity, "V");
        other = fixtures.card(activity, "k");
        cards.insert(card);
        cards.insert(other);
        author = fixtures.user().id();
    }

    MemoryUnit unit(Project project, String content, MemoryScope... scopes) {
        MemoryUnit unit = new MemoryUnit(
                new MemoryUnitId(fixtures.id()),
                project.id(),
                MemoryKind.LESSON,
                "execution 42",
                content,
                Optional.empty(),
                Map.of(),
                author,
                Fixtures.NOW);
        List<MemoryScope> all = new java.util.ArrayList<>();
        all.add(new MemoryScope(MemoryScope.Kind.PROJECT, project.id().value()));
        all.addAll(List.of(scopes));
        memory.insert(unit, all);
        return unit;
    }

    MemoryScope cardScope(Card c) {
        return new MemoryScope(MemoryScope.Kind.CARD, c.id().value());
    }

    List<MemoryUnitId> search(String query, MemoryScope... scopes) {
        return memory.search(bf.id(), SearchText.terms(query), List.of(scopes), 10).stream()
                .map(m -> m.unit().id())
                .toList();
    }

    @Test
    void a_unit_reads_back_whole_with_its_scopes_widest_first() {
        MemoryUnit unit = new MemoryUnit(
                new MemoryUnitId(fixtures.id()),
                bf.id(),
                MemoryKind.DECISION,
                "review of PR 7",
                "Leases renew at two thirds of their term. Ünïcode ✓",
                Optional.of("vectors://bf/7f3a"),
                Map.of(SensitiveKind.API_KEY, 2),
                author,
                Fixtures.NOW);
        MemoryScope project = new MemoryScope(MemoryScope.Kind.PROJECT, bf.id().value());
        memory.insert(unit, List.of(cardScope(card), project));
        assertEquals(Optional.of(unit), memory.find(unit.id()));
        assertEquals(List.of(project, cardScope(card)), memory.scopesOf(unit.id()));
    }

    @Test
    void a_unit_relates_to_a_scope_once() {
        MemoryUnit unit = unit(bf, "fencing tokens", cardScope(card));
        ConflictException twice =
                assertThrows(ConflictException.class, () -> memory.relate(unit.id(), cardScope(card), Fixtures.NOW));
        assertTrue(twice.getMessage().contains("scope"), twice.getMessage());
        memory.relate(unit.id(), cardScope(other), Fixtures.NOW);
        assertTrue(memory.unrelate(unit.id(), cardScope(card)));
        assertFalse(memory.unrelate(unit.id(), cardScope(card)), "gone already");
        assertEquals(
                List.of(new MemoryScope(MemoryScope.Kind.PROJECT, bf.id().value()), cardScope(other)),
                memory.scopesOf(unit.id()));
    }

    @Test
    void search_matches_every_word_after_stemming_within_the_project_best_first() {
        MemoryUnit once = unit(bf, "The lease expired before the agent renewed it.");
        MemoryUnit twice = unit(bf, "Leases expire; renewing leases early keeps leases alive.");
        unit(bf, "A renewal of the mirror schedule.");
        unit(ops, "leases renew every minute in the other project");
        assertEquals(List.of(twice.id(), once.id()), search("renew lease"), "stems match: renewed, renewing, leases");
        assertEquals(List.of(), search("lease mirror"), "every word must be there");
        assertEquals(List.of(twice.id(), once.id()), search("LEASES, the renewals?"), "case, punctuation, stop words");
    }

    @Test
    void paths_and_hyphenated_words_split_the_same_way_on_both_engines() {
        MemoryUnit path = unit(bf, "The bug was in src/main/java/LeaseKeeper.java at line 40.");
        MemoryUnit hyphen = unit(bf, "Use read-only replicas for lineage-heavy reports.");
        assertEquals(List.of(path.id()), search("leasekeeper java"));
        assertEquals(List.of(hyphen.id()), search("lineage heavy replicas"));
        assertEquals(List.of(hyphen.id()), search("read only"), "a stop word is not required");
    }

    @Test
    void the_shorter_of_two_units_with_one_hit_ranks_first_on_both_engines() {
        MemoryUnit longer = unit(bf, "mirror sync failed again after the network partition healed overnight");
        MemoryUnit shorter = unit(bf, "mirror sync failed");
        assertEquals(List.of(shorter.id(), longer.id()), search("mirror sync"), "length weighs on both");
    }

    @Test
    void both_engines_see_the_same_words_whatever_the_script_or_the_stop_words() {
        MemoryUnit istanbul = unit(bf, "The İstanbul mirror lags; other replicas do not.");
        assertEquals(List.of(istanbul.id()), search("İSTANBUL mirror"), "a letter lower-cased to two splits alike");
        assertEquals(List.of(), search("others"), "a stop word is indexed by neither engine, whatever its stem");
        assertEquals(List.of(istanbul.id()), search("replica lagging"));
    }

    @Test
    void the_scope_filter_keeps_units_related_to_any_named_scope() {
        MemoryUnit onCard = unit(bf, "retry the flaky check monday", cardScope(card));
        MemoryUnit onOther = unit(bf, "retry the flaky check friday", cardScope(other));
        unit(bf, "retry the flaky check sunday");
        assertEquals(List.of(onCard.id()), search("flaky check", cardScope(card)));
        assertEquals(
                List.of(onOther.id(), onCard.id()),
                search("flaky check", cardScope(card), cardScope(other)),
                "equal scores: newest first");
        assertEquals(3, search("flaky check").size());
    }

    @Test
    void a_deleted_unit_is_gone_from_search_and_its_scopes_go_with_it() {
        MemoryUnit unit = unit(bf, "tombstones keep the hash", cardScope(card));
        assertEquals(List.of(unit.id()), search("tombstones"));
        assertTrue(memory.delete(unit.id()));
        assertFalse(memory.delete(unit.id()));
        assertEquals(List.of(), search("tombstones"));
        assertEquals(Optional.empty(), memory.find(unit.id()));
        assertEquals(List.of(), memory.scopesOf(unit.id()));
    }

    @Test
    void a_project_lists_its_units_newest_first_filtered_by_scope_in_pages() {
        MemoryUnit a = unit(bf, "one", cardScope(card));
        MemoryUnit b = unit(bf, "two");
        MemoryUnit c = unit(bf, "three", cardScope(card));
        unit(ops, "four");
        var first = memory.list(bf.id(), Optional.empty(), PageRequest.first(2));
        assertEquals(List.of(c, b), first.items());
        assertEquals(
                List.of(a),
                memory.list(
                                bf.id(),
                                Optional.empty(),
                                PageRequest.first(2).next(first.nextCursor().orElseThrow()))
                        .items());
        assertEquals(
                List.of(c, a),
                memory.list(bf.id(), Optional.of(cardScope(card)), PageRequest.first(10))
                        .items());
    }

    @Test
    void a_sealed_token_is_not_searchable_only_its_kind_is() {
        MemoryUnit sealed = unit(bf, "deploy key [ENCRYPTED:api-key:QUJDREVGR0hJSktMTU5PUA] rotated monthly");
        assertEquals(List.of(sealed.id()), search("deploy key rotated"));
        assertEquals(List.of(), search("QUJDREVGR0hJSktMTU5PUA"), "the token is not indexed");
        assertEquals(List.of(sealed.id()), search("encrypted api key"));
    }

    @Test
    void the_retrieval_log_keeps_what_each_search_returned_per_run_newest_first() {
        RunId run = run();
        MemoryUnit unit = unit(bf, "the log outlives the unit");
        List<MemoryRepository.Match> found = memory.search(bf.id(), SearchText.terms("log"), List.of(), 5);
        Retrieval first = new Retrieval(
                new RetrievalId(fixtures.id()),
                bf.id(),
                "log",
                List.of(cardScope(card)),
                Optional.of(run),
                Optional.empty(),
                author,
                Fixtures.NOW,
                List.of(new Retrieval.Hit(unit.id(), 1, found.getFirst().score())));
        Retrieval second = new Retrieval(
                new RetrievalId(fixtures.id()),
                bf.id(),
                "nothing here",
                List.of(),
                Optional.of(run),
                Optional.empty(),
                author,
                Fixtures.NOW,
                List.of());
        log.append(first);
        log.append(second);
        log.append(new Retrieval(
                new RetrievalId(fixtures.id()),
                bf.id(),
                "no run",
                List.of(),
                Optional.empty(),
                Optional.empty(),
                author,
                Fixtures.NOW,
                List.of()));
        memory.delete(unit.id());
        var page = log.ofRun(run, PageRequest.first(1));
        assertEquals(List.of(second), page.items());
        assertEquals(
                List.of(first),
                log.ofRun(run, PageRequest.first(1).next(page.nextCursor().orElseThrow()))
                        .items(),
                "the deleted unit is still named, with its rank and score");
        assertTrue(first.hits().getFirst().score() > 0, "higher is better on both engines");
    }

    @Test
    void the_database_refuses_unknown_scopes_duplicate_pairs_and_an_execution_without_its_run() throws SQLException {
        MemoryUnit unit = unit(bf, "constraints");
        String t = "'" + Fixtures.NOW + "'";
        try (Connection connection = db.rawConnection();
                Statement s = connection.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO memory_unit_relations (unit_id, scope, scope_id, created_at) VALUES ('"
                            + unit.id() + "', 'team', '" + card.id() + "', " + t + ")"),
                    "no such scope");
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO memory_unit_relations (unit_id, scope, scope_id, created_at) VALUES ('"
                            + unit.id() + "', 'project', '" + bf.id() + "', " + t + ")"),
                    "the pair exists");
            assertThrows(
                    SQLException.class,
                    () -> s.execute(
                            "INSERT INTO memory_retrievals (id, project_id, query, scopes, run_id, execution_id,"
                                    + " retrieved_by, retrieved_at, hits) VALUES ('" + fixtures.id() + "', '" + bf.id()
                                    + "', 'q', '[]', NULL, '" + fixtures.id() + "', '" + author + "', " + t
                                    + ", '[]')"),
                    "an execution names its run");
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO memory_units (id, project_id, kind, source, content, search_text,"
                            + " findings, created_by, created_at) VALUES ('" + fixtures.id() + "', '" + bf.id()
                            + "', 'rumour', 's', 'c', 'c', '{}', '" + author + "', " + t + ")"),
                    "no such kind");
        }
    }

    RunId run() {
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(fixtures.id()),
                bf.id(),
                new RunScope.OfCard(card.id()),
                author,
                new RunInputs(
                        List.of(new CardPage(card, List.of(), List.of(), List.of())), PolicyProfile.empty(bf.id())),
                Fixtures.NOW);
        new JooqRunRepository(db.database()).insert(run);
        return run.id();
    }
}
