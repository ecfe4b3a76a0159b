package io.buildfactory.domain.conversations;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens to sensitive data found in content before it is stored: replaced by {@code [REDACTED:kind]}, or
 * sealed in place as {@code [ENCRYPTED:kind:token]}, where only a holder of the key can open the token. Readers
 * see sealed values masked as {@code [ENCRYPTED:kind]}; revealing them is a separate, audited act.
 */
public final class ContentProtection {

    /** How findings are protected. */
    public enum Mode {
        REDACT,
        ENCRYPT
    }

    /** The text as it may be stored, and what was found in it (kinds and counts, never values). */
    public record Protected(String text, Map<SensitiveKind, Integer> findings) {
        public Protected {
            findings = Map.copyOf(findings);
        }
    }

    private static final Pattern SEALED = Pattern.compile("\\[ENCRYPTED:([a-z-]+):([A-Za-z0-9_-]+)]");

    private ContentProtection() {}

    /**
     * Scans and protects {@code text}. In {@link Mode#ENCRYPT} each finding is handed to {@code seal}, which returns
     * an opaque token (URL-safe base64).
     */
    public static Protected protect(String text, Mode mode, Function<String, String> seal) {
        List<SensitiveDataScanner.Finding> findings = SensitiveDataScanner.scan(text);
        if (findings.isEmpty()) {
            return new Protected(text, Map.of());
        }
        String stored = switch (mode) {
            case REDACT -> SensitiveDataScanner.redact(text, findings);
            case ENCRYPT -> {
                StringBuilder out = new StringBuilder(text.length() + 64 * findings.size());
                int at = 0;
                for (SensitiveDataScanner.Finding f : findings) {
                    out.append(text, at, f.start())
                            .append("[ENCRYPTED:")
                            .append(f.kind().code())
                            .append(':')
                            .append(seal.apply(text.substring(f.start(), f.end())))
                            .append(']');
                    at = f.end();
                }
                yield out.append(text.substring(at)).toString();
            }
        };
        return new Protected(stored, SensitiveDataScanner.summary(findings));
    }

    /** Redacts {@code text}: titles and stated reasons are always redacted, never sealed. */
    public static Protected redact(String text) {
        return protect(text, Mode.REDACT, value -> {
            throw new IllegalStateException("redaction seals nothing");
        });
    }

    /** The stored text as readers see it: sealed values show only their kind. */
    public static String masked(String stored) {
        return SEALED.matcher(stored).replaceAll("[ENCRYPTED:$1]");
    }

    /** The stored text with sealed values opened; a token {@code open} cannot open stays masked. */
    public static String revealed(String stored, Function<String, Optional<String>> open) {
        Matcher m = SEALED.matcher(stored);
        StringBuilder out = new StringBuilder(stored.length());
        while (m.find()) {
            String replacement = open.apply(m.group(2)).orElse("[ENCRYPTED:" + m.group(1) + "]");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether the stored text holds sealed values. */
    public static boolean isSealed(String stored) {
        return SEALED.matcher(stored).find();
    }

    /** Two scans' findings together. */
    public static Map<SensitiveKind, Integer> merge(Map<SensitiveKind, Integer> a, Map<SensitiveKind, Integer> b) {
        Map<SensitiveKind, Integer> all = new EnumMap<>(SensitiveKind.class);
        all.putAll(a);
        b.forEach((k, n) -> all.merge(k, n, Integer::sum));
        return all;
    }
}
