package io.buildfactory.domain.conversations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets (API keys, tokens, private keys, passwords in URLs, high-entropy values assigned to secret-like
 * names) and personal data (email addresses, phone numbers, card numbers that pass the Luhn check) in text, before
 * it is stored. Pure and deterministic: rules are patterns plus checks that keep ids, hashes and prose out.
 */
public final class SensitiveDataScanner {

    /** A match: its kind and where it is. The value itself is never kept beyond the text it came from. */
    public record Finding(SensitiveKind kind, int start, int end) {}

    /**
     * A rule: its pattern, the group that holds the value (-1: whichever matched), and what a text must contain before the pattern is worth
     * running (a keyword prefilter, as gitleaks has: most text holds no {@code @}, no {@code ://}, no key prefix).
     */
    private record Rule(SensitiveKind kind, Pattern pattern, int group, Predicate<Clues> worthTrying) {}

    /** What rules look for before they run, computed once per text. */
    private record Clues(String text, String lower, int digits) {

        static Clues of(String text) {
            int digits = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                }
            }
            return new Clues(text, text.toLowerCase(Locale.ROOT), digits);
        }

        boolean has(String... any) {
            for (String s : any) {
                if (text.contains(s)) {
                    return true;
                }
            }
            return false;
        }

        boolean hasIgnoringCase(String... lowerCase) {
            for (String s : lowerCase) {
                if (lower.contains(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(
                    SensitiveKind.PRIVATE_KEY,
                    // RSA, EC, DSA, OpenSSH, PKCS#8 ("PRIVATE KEY") and PGP ("PGP PRIVATE KEY BLOCK")
                    // (a body never holds another BEGIN, so a text of unended blocks is scanned once, not once per
                    // block)
                    Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY( BLOCK|)-----(?:(?!-----BEGIN )[\\s\\S]){0,65536}?"
                            + "-----END \\1PRIVATE KEY\\2-----"),
                    0,
                    c -> c.has("PRIVATE KEY")),
            new Rule(
                    SensitiveKind.API_KEY,
                    Pattern.compile(
                            "\\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9-]{10,}"
                                    + "|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}"
                                    + "|bf[sa]_[A-Za-z0-9_-]{43}"
                                    // Stripe secret and restricted keys, npm, PyPI, SendGrid, Twilio, Shopify,
                                    // DigitalOcean, Hugging Face, Slack incoming webhooks
                                    + "|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36}"
                                    + "|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"
                                    + "|SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}|SK[0-9a-fA-F]{32}"
                                    + "|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|do[opr]_v1_[a-f0-9]{64}|hf_[A-Za-z0-9]{34}"
                                    + "|https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}"
                                    // Discord and Teams webhooks, Mailgun, NuGet, RubyGems
                                    + "|https://discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{60,}"
                                    + "|https://[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[^\\s\"'<>]+"
                                    + "|key-[0-9a-f]{32}|oy2[a-z0-9]{43}|rubygems_[0-9a-f]{48})"),
                    0,
                    c -> c.has(
                            "k_live_",
                            "k_test_",
                            "npm_",
                            "pypi-AgEI",
                            "SG.",
                            "SK",
                            "shp",
                            "_v1_",
                            "hf_",
                            "hooks.slack.com",
                            "discord",
                            "webhook.office.com",
                            "key-",
                            "oy2",
                            "rubygems_",
                            "AKIA",
                            "ghp_",
                            "gho_",
                            "ghu_",
                            "ghs_",
                            "ghr_",
                            "github_pat_",
                            "xox",
                            "sk-",
                            "AIza",
                            "glpat-",
                            "bfs_",
                            "bfa_")),
            new Rule(
                    SensitiveKind.JWT,
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
                    0,
                    c -> c.has("eyJ")),
            new Rule(
                    SensitiveKind.PASSWORD_IN_URL,
                    // the password runs to the '@' that a host follows (a name, maybe a port, then the path or the
                    // end), whatever it holds before: '@', ':' and '/' included
                    // (bounded lengths: no start position may scan the rest of a megabyte-long token)
                    Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://[^\\s:/@]{1,256}:(\\S{1,256}?)"
                            + "@(?=[A-Za-z0-9.-]+(?::\\d+)?(?:[/?#\\s]|$))"),
                    1,
                    c -> c.has("://") && c.has("@")),
            new Rule(
                    SensitiveKind.SECRET_ASSIGNMENT,
                    // k=v, k: v, env files, and JSON or YAML with the name quoted ("password": "…")
                    // a prefixed name too (DB_PASSWORD, STRIPE_SECRET, auth_token), as env files have them
                    Pattern.compile(
                            "(?i)\\b(?:[a-z0-9]{1,32}[_.-]){0,4}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                                    + "|client[_-]?secret|secret[_-]?access[_-]?key|accountkey|auth)\\b[\"']?"
                                    + "\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})"),
                    1,
                    c -> c.has(":", "=") && c.hasIgnoringCase("pass", "pwd", "secret", "token", "key", "auth")),
            new Rule(
                    SensitiveKind.API_KEY,
                    // a GCP service-account key's id, and a Heroku API key: ids that are secrets by their name
                    Pattern.compile("(?i)\"private_key_id\"\\s*:\\s*\"([0-9a-f]{40})\""
                            + "|\\bheroku[_-]?api[_-]?key[\"']?\\s*[:=]\\s*[\"']?"
                            + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"),
                    -1,
                    c -> c.hasIgnoringCase("private_key_id", "heroku")),
            new Rule(
                    SensitiveKind.SECRET_ASSIGNMENT,
                    // Authorization: Bearer …, Basic …, token … (a JWT there is found as a JWT first)
                    Pattern.compile("(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?(?:bearer|basic|token|bot)\\s+"
                            + "([A-Za-z0-9._~+/=-]{8,})"),
                    1,
                    c -> c.hasIgnoringCase("authorization")),
            new Rule(
                    SensitiveKind.EMAIL,
                    // not an scp-style git remote (git@github.com:acme/factory.git)
                    Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b(?!:[A-Za-z0-9_~/])"),
                    0,
                    c -> c.has("@")),
            new Rule(
                    SensitiveKind.CARD_NUMBER,
                    Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"),
                    0,
                    c -> c.digits() >= 13),
            new Rule(
                    SensitiveKind.PHONE,
                    Pattern.compile(
                            "(?<![\\w-])(?<!\\d[ .-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}"
                                    + "(?![\\w-])(?![ .-]\\d)"),
                    0,
                    c -> c.digits() >= 9), // the floor accept() applies to a phone number
            new Rule(
                    SensitiveKind.IBAN,
                    // country, check digits, then the account in groups of four (spaces optional); mod-97 decides
                    Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
                    0,
                    c -> c.digits() >= 10),
            new Rule(
                    SensitiveKind.NATIONAL_ID,
                    // a US social security number, written with its dashes; never area 000, 666 or 9xx, group
                    // 00 or serial 0000
                    Pattern.compile("(?<![\\w-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\w-])"),
                    0,
                    c -> c.digits() >= 9 && c.has("-")));

    private SensitiveDataScanner() {}

    public static List<Finding> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Finding> candidates = new ArrayList<>();
        Clues clues = Clues.of(text);
        for (Rule rule : RULES) {
            if (!rule.worthTrying().test(clues)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int group = rule.group() >= 0 ? rule.group() : firstMatched(m);
                int start = m.start(group);
                int end = m.end(group);
                String value = text.substring(start, end);
                if (accept(rule.kind(), value)) {
                    candidates.add(new Finding(rule.kind(), start, end));
                }
            }
        }
        // Keep the first rule's finding where findings overlap (rules are in priority order).
        candidates.sort(Comparator.comparingInt(Finding::start)
                .thenComparingInt(f -> f.kind().ordinal()));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : candidates) {
            boolean overlaps = kept.stream().anyMatch(k -> f.start() < k.end() && k.start() < f.end());
            if (!overlaps) {
                kept.add(f);
            }
        }
        return List.copyOf(kept);
    }

    /** For a rule of alternatives, each with its own group: the one that matched. */
    private static int firstMatched(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.start(g) >= 0) {
                return g;
            }
        }
        return 0;
    }

    private static boolean accept(SensitiveKind kind, String value) {
        return switch (kind) {
            case CARD_NUMBER -> luhn(value.replaceAll("[ -]", ""));
            case IBAN -> ibanChecksum(value.replace(" ", ""));
            case SECRET_ASSIGNMENT -> entropyBitsPerChar(value) >= 3.0 && !looksLikeIdOrHash(value);
            case PASSWORD_IN_URL -> !value.startsWith("$") && !value.startsWith("{");
            case PHONE -> value.replaceAll("\\D", "").length() >= 9 && !looksLikeIdOrHash(value);
            default -> true;
        };
    }

    /** UUIDs and git object ids are ids, not secrets. */
    private static boolean looksLikeIdOrHash(String value) {
        return value.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                || value.matches("(?i)[0-9a-f]{7,40}")
                || value.matches("\\d{4}-\\d{2}-\\d{2}.*");
    }

    /**
     * ISO 13616: 15 to 34 characters, and moving the first four to the end and reading letters as 10 to 35 gives
     * a number whose remainder by 97 is 1.
     */
    static boolean ibanChecksum(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            int value = Character.digit(moved.charAt(i), 36);
            remainder = (value < 10 ? remainder * 10 : remainder * 100) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }

    /** The Luhn checksum that every payment card number satisfies. */
    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || digits.chars().allMatch(c -> c == digits.charAt(0))) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Shannon entropy per character: random keys score high, words and repeated characters low. */
    static double entropyBitsPerChar(String value) {
        Map<Character, Integer> counts = new java.util.HashMap<>();
        for (char c : value.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / value.length();
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }

    /** The text with every finding replaced by {@code [REDACTED:<kind>]}. */
    public static String redact(String text, List<Finding> findings) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings.stream()
                .sorted(Comparator.comparingInt(Finding::start))
                .toList()) {
            out.append(text, at, f.start())
                    .append("[REDACTED:")
                    .append(f.kind().code())
                    .append(']');
            at = f.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** What was found, by kind and count: the only record an exchange keeps of it. */
    public static Map<SensitiveKind, Integer> summary(List<Finding> findings) {
        Map<SensitiveKind, Integer> counts = new EnumMap<>(SensitiveKind.class);
        findings.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        return counts;
    }
}
