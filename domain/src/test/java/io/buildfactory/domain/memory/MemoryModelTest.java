package io.buildfactory.domain.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryModelTest {

    @Test
    void words_are_lower_case_runs_of_letters_and_digits_without_stop_words() {
        assertEquals(
                "bug src main java leasekeeper java line 40",
                SearchText.indexed("The bug was in src/main/java/LeaseKeeper.java at line 40."));
        assertEquals(
                "use read replicas lineage heavy reports",
                SearchText.indexed("Use read-only replicas for lineage-heavy reports."));
        assertEquals("", SearchText.indexed("x".repeat(SearchText.MAX_WORD + 1)), "PostgreSQL would drop it");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"İstanbul", "STRASSE Straße", "ǅemal", "Ⅻ chapter", "e\u0301te", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ΣΊΣΥΦΟΣ"})
    void indexing_the_indexed_text_changes_nothing_so_every_query_term_is_a_word_the_index_holds(String text) {
        String once = SearchText.indexed(text);
        assertEquals(once, SearchText.indexed(once));
        if (!once.isEmpty()) {
            for (String term : SearchText.terms(text)) {
                assertEquals(term, SearchText.indexed(term));
            }
        }
    }

    @Test
    void a_query_names_its_words_once_and_needs_one_that_is_not_a_stop_word() {
        assertEquals(List.of("leases", "renewals"), SearchText.terms("LEASES, the renewals? leases"));
        assertEquals(
                "query",
                assertThrows(InvalidInputException.class, () -> SearchText.terms("the and of"))
                        .field());
        assertEquals(
                "query",
                assertThrows(InvalidInputException.class, () -> SearchText.terms(" "))
                        .field());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SearchText.MAX_TERMS; i++) {
            many.append("w").append(i).append(' ');
        }
        assertEquals(
                "query",
                assertThrows(InvalidInputException.class, () -> SearchText.terms(many.toString()))
                        .field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[0.12, -0.5, 3.25e-2]",
                "0.1 0.2 0.3",
                "https://user:hunter2@vectors.example.com/v/1",
                "https://bucket.s3.amazonaws.com/v/1?X-Amz-Signature=abc123",
                "https://vectors.example.com/v/1?token=abc123",
                "vectors://ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
                "has space"
            })
    void an_embedding_ref_names_a_vector_and_carries_no_credentials(String ref) {
        assertEquals(
                "embeddingRef",
                assertThrows(InvalidInputException.class, () -> unit(Optional.of(ref)))
                        .field());
    }

    @Test
    void a_plain_reference_is_kept() {
        assertEquals(
                Optional.of("pgvector://memory/7f3a"),
                unit(Optional.of("pgvector://memory/7f3a")).embeddingRef());
    }

    @Test
    void the_index_sees_a_sealed_value_only_as_its_kind() {
        MemoryUnit unit = new MemoryUnit(
                new MemoryUnitId(Ulid.parse("id", "01JQ0000000000000000000001")),
                new ProjectId(Ulid.parse("id", "01JQ0000000000000000000002")),
                MemoryKind.FACT,
                "s",
                "key [ENCRYPTED:api-key:QUJDREVG] rotated",
                Optional.empty(),
                Map.of(),
                new UserId(Ulid.parse("id", "01JQ0000000000000000000003")),
                Instant.EPOCH);
        assertEquals("key encrypted api key rotated", unit.searchable());
        assertEquals("key [ENCRYPTED:api-key] rotated", unit.masked());
    }

    private static MemoryUnit unit(Optional<String> ref) {
        return new MemoryUnit(
                new MemoryUnitId(Ulid.parse("id", "01JQ0000000000000000000001")),
                new ProjectId(Ulid.parse("id", "01JQ0000000000000000000002")),
                MemoryKind.FACT,
                "s",
                "c",
                ref,
                Map.of(),
                new UserId(Ulid.parse("id", "01JQ0000000000000000000003")),
                Instant.EPOCH);
    }
}
