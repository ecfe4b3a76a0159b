package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentProtectionTest {

    static final String TEXT = "mail ada.lovelace@example.org, key AKIAIOSFODNN7EXAMPLE, and nothing else";

    /** A reversible stand-in for the cipher: tokens index a table the test keeps. */
    final Map<String, String> vault = new HashMap<>();

    String seal(String value) {
        String token = "t" + vault.size();
        vault.put(token, value);
        return token;
    }

    @Test
    void redaction_replaces_each_finding_by_its_kind_and_counts_them() {
        ContentProtection.Protected p = ContentProtection.protect(TEXT, ContentProtection.Mode.REDACT, this::seal);
        assertEquals("mail [REDACTED:email], key [REDACTED:api-key], and nothing else", p.text());
        assertEquals(Map.of(SensitiveKind.EMAIL, 1, SensitiveKind.API_KEY, 1), p.findings());
        assertTrue(vault.isEmpty(), "redaction seals nothing");
    }

    @Test
    void sealed_values_are_masked_for_readers_and_revealed_only_through_the_opener() {
        ContentProtection.Protected p = ContentProtection.protect(TEXT, ContentProtection.Mode.ENCRYPT, this::seal);
        assertFalse(p.text().contains("ada.lovelace@example.org"));
        assertFalse(p.text().contains("AKIAIOSFODNN7EXAMPLE"));
        assertEquals(
                "mail [ENCRYPTED:email], key [ENCRYPTED:api-key], and nothing else",
                ContentProtection.masked(p.text()));
        assertEquals(TEXT, ContentProtection.revealed(p.text(), t -> Optional.ofNullable(vault.get(t))));
        assertEquals(
                "mail [ENCRYPTED:email], key [ENCRYPTED:api-key], and nothing else",
                ContentProtection.revealed(p.text(), t -> Optional.empty()),
                "a token that does not open stays masked");
    }

    @Test
    void clean_text_is_stored_as_it_is() {
        ContentProtection.Protected p =
                ContentProtection.protect("ship it on Friday", ContentProtection.Mode.ENCRYPT, this::seal);
        assertEquals("ship it on Friday", p.text());
        assertEquals(Map.of(), p.findings());
        assertFalse(ContentProtection.isSealed(p.text()));
    }
}
