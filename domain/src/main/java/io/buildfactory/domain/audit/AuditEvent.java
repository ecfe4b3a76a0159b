package io.buildfactory.domain.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, prevHash);
        field(out, Long.toString(sequence));
        field(out, r.id().toString());
        field(out, r.occurredAt().toString());
        field(out, r.actor());
        field(out, r.action());
        field(out, r.targetType().orElse(null));
        field(out, r.targetId().orElse(null));
        field(out, r.outcome().code());
        field(out, r.correlationId().orElse(null));
        field(out, r.clientAddress().orElse(null));
        field(out, r.userAgent().orElse(null));
        for (Map.Entry<String, String> detail : r.details().entrySet()) {
            field(out, detail.getKey());
            field(out, detail.getValue());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Length-prefixed so that no two different entries share canonical bytes; -1 marks an absent value. */
    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
