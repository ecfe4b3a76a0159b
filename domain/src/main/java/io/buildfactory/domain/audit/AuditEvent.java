package io.buildfactory.domain.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the append-only audit log, chained to the one before it:
 * {@code hash = SHA-256(prevHash ‖ canonical bytes of the record)}.
 */
public record AuditEvent(AuditRecord record, long sequence, String prevHash, String hash) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEvent {
        Objects.requireNonNull(record, "record");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry that follows {@code previous} (or starts the chain when there is none). */
    public static AuditEvent chain(AuditRecord record, Optional<AuditEvent> previous) {
        long sequence = previous.map(p -> p.sequence() + 1).orElse(1L);
        String prevHash = previous.map(AuditEvent::hash).orElse(GENESIS);
        return new AuditEvent(record, sequence, prevHash, hashOf(prevHash, sequence, record));
    }

    /** Whether the stored hash is the one its contents and predecessor give. */
    public boolean isIntact() {
        return hash.equals(hashOf(prevHash, sequence, record));
    }

    static String hashOf(String prevHash, long sequence, AuditRecord r) {
        Canonical out = CANONICAL.get();
        out.reset();
        out.field(prevHash);
        out.field(Long.toString(sequence));
        out.field(r.id().toString());
        out.field(r.occurredAt().toString());
        out.field(r.actor());
        out.field(r.action());
        out.field(r.targetType().orElse(null));
        out.field(r.targetId().orElse(null));
        out.field(r.outcome().code());
        out.field(r.correlationId().orElse(null));
        out.field(r.clientAddress().orElse(null));
        out.field(r.userAgent().orElse(null));
        for (Map.Entry<String, String> detail : r.details().entrySet()) {
            out.field(detail.getKey());
            out.field(detail.getValue());
        }
        return HEX.formatHex(out.digest());
    }

    private static final HexFormat HEX = HexFormat.of();

    /** One per thread: a verifier hashes a million entries, and neither buffer nor digest need be made afresh. */
    private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

    /**
     * The canonical bytes of an entry. Length-prefixed (a 4-byte big-endian length, then the UTF-8 bytes) so that
     * no two different entries share canonical bytes; a length of -1 marks an absent value.
     */
    private static final class Canonical extends ByteArrayOutputStream {
        private final MessageDigest sha256;

        Canonical() {
            super(512);
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        void field(String value) {
            if (value == null) {
                length(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            length(bytes.length);
            write(bytes, 0, bytes.length);
        }

        private void length(int n) {
            write(n >>> 24);
            write(n >>> 16);
            write(n >>> 8);
            write(n);
        }

        byte[] digest() {
            sha256.update(buf, 0, count);
            return sha256.digest();
        }
    }
}
