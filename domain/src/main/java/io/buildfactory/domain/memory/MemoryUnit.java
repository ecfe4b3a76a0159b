package io.buildfactory.domain.memory;

import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.SensitiveDataScanner;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A piece of project knowledge an agent or a person wants found again: its kind, where it came from, its content
 * (as stored: sensitive values already redacted or sealed, see {@link ContentProtection}) and, when it also lives
 * in a vector store, a reference to that vector. A unit does not change once written; it is deleted whole.
 */
public record MemoryUnit(
        MemoryUnitId id,
        ProjectId project,
        MemoryKind kind,
        String source,
        String content,
        Optional<String> embeddingRef,
        Map<SensitiveKind, Integer> findings,
        UserId createdBy,
        Instant createdAt) {

    /** The longest content accepted, before protection. */
    public static final int MAX_CONTENT = 50_000;

    /** The longest source accepted, before redaction. */
    public static final int MAX_SOURCE = 500;

    /** Room for what protection adds: a sealed value is longer than the value. */
    static final int MAX_STORED_CONTENT = 1_000_000;

    static final int MAX_STORED_SOURCE = 2_000;

    private static final Pattern USER_INFO = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@");

    private static final Pattern SIGNED_QUERY = Pattern.compile(
            "(?i)[?&;](?:x-amz-signature|x-goog-signature|signature|sig|token|access_token|api_key|apikey|key)=");

    /** Something that looks like numbers separated by commas or spaces: a vector, where a reference belongs. */
    private static final Pattern VECTOR = Pattern.compile(
            "^[\\[(]?\\s*-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?:\\s*[,;\\s]\\s*-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)+\\s*[\\])]?$");

    private static final Pattern VISIBLE = Pattern.compile("\\p{Graph}+");

    public MemoryUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(kind, "kind");
        source = Text.required("source", source, MAX_STORED_SOURCE);
        content = Text.required("content", content, MAX_STORED_CONTENT);
        embeddingRef = Text.optional("embeddingRef", embeddingRef, 500).map(MemoryUnit::reference);
        findings = Map.copyOf(findings);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    private static String reference(String ref) {
        if (VECTOR.matcher(ref).matches()) {
            throw new InvalidInputException(
                    "embeddingRef", "must name the vector in its store (an id or URI), not hold the vector itself");
        }
        if (!VISIBLE.matcher(ref).matches()) {
            throw new InvalidInputException("embeddingRef", "must be visible ASCII characters without spaces");
        }
        if (USER_INFO.matcher(ref).find()
                || SIGNED_QUERY.matcher(ref).find()
                || !SensitiveDataScanner.scan(ref).isEmpty()) {
            throw new InvalidInputException(
                    "embeddingRef", "must not carry credentials (user info, signatures, keys): every reader sees it");
        }
        return ref;
    }

    /** The content as readers see it: sealed values show only their kind. */
    public String masked() {
        return ContentProtection.masked(content);
    }

    /** The SHA-256 of the stored content, in hex: what a tombstone keeps of a deleted unit. */
    public String contentSha256() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** What the search engines index: the masked content's words, never a sealed token. */
    public String searchable() {
        return SearchText.indexed(masked());
    }
}
