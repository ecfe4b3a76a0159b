package io.buildfactory.domain.memory;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tokenizer both search engines see. Content is indexed, and queries are matched, as runs of letters and
 * digits in lower case, so {@code src/main/Lease.java} and {@code lease-expiry} split into words the same way on
 * SQLite (FTS5) and PostgreSQL ({@code tsvector}), whose own parsers disagree about paths, URLs and hyphens. Each
 * engine then stems the words in English (FTS5's Porter, PostgreSQL's {@code english} configuration).
 */
public final class SearchText {

    /** At most this many distinct words of a query are searched for; more is refused, not cut silently. */
    public static final int MAX_TERMS = 32;

    public static final int MAX_QUERY_LENGTH = 1000;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * PostgreSQL's English stop words: dropped from queries so that both engines require the same words (PostgreSQL
     * leaves them out of its index; FTS5 keeps them).
     */
    static final Set<String> STOP_WORDS = Set.of(
            "i",
            "me",
            "my",
            "myself",
            "we",
            "our",
            "ours",
            "ourselves",
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves",
            "he",
            "him",
            "his",
            "himself",
            "she",
            "her",
            "hers",
            "herself",
            "it",
            "its",
            "itself",
            "they",
            "them",
            "their",
            "theirs",
            "themselves",
            "what",
            "which",
            "who",
            "whom",
            "this",
            "that",
            "these",
            "those",
            "am",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "have",
            "has",
            "had",
            "having",
            "do",
            "does",
            "did",
            "doing",
            "a",
            "an",
            "the",
            "and",
            "but",
            "if",
            "or",
            "because",
            "as",
            "until",
            "while",
            "of",
            "at",
            "by",
            "for",
            "with",
            "about",
            "against",
            "between",
            "into",
            "through",
            "during",
            "before",
            "after",
            "above",
            "below",
            "to",
            "from",
            "up",
            "down",
            "in",
            "out",
            "on",
            "off",
            "over",
            "under",
            "again",
            "further",
            "then",
            "once",
            "here",
            "there",
            "when",
            "where",
            "why",
            "how",
            "all",
            "any",
            "both",
            "each",
            "few",
            "more",
            "most",
            "other",
            "some",
            "such",
            "no",
            "nor",
            "not",
            "only",
            "own",
            "same",
            "so",
            "than",
            "too",
            "very",
            "s",
            "t",
            "can",
            "will",
            "just",
            "don",
            "should",
            "now");

    private SearchText() {}

    /** Longer runs are not words anyone searches for, and PostgreSQL would drop them (over 2,047 bytes). */
    public static final int MAX_WORD = 100;

    /**
     * The text as it is indexed: its words in lower case, one space apart, without stop words (which PostgreSQL
     * would leave out and FTS5 keep, so both see the same words and the same document lengths) and without runs
     * longer than {@link #MAX_WORD}. The text is lower-cased before it is split, so a letter whose lower case is
     * two characters ({@code İ}) splits the same way every time: indexing the result again changes nothing.
     */
    public static String indexed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group();
            if (word.length() > MAX_WORD || STOP_WORDS.contains(word)) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /**
     * The words a query asks for, in the order given, without repeats and stop words. A unit matches when it
     * holds every one of them (after stemming).
     */
    public static List<String> terms(String query) {
        String text = Text.required("query", query, MAX_QUERY_LENGTH);
        Set<String> terms = new LinkedHashSet<>();
        for (String word : indexed(text).split(" ")) {
            if (!word.isEmpty()) {
                terms.add(word);
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidInputException(
                    "query",
                    "has no words to search for (stop words and runs over " + MAX_WORD + " characters are left out)");
        }
        if (terms.size() > MAX_TERMS) {
            throw new InvalidInputException("query", "must name at most " + MAX_TERMS + " distinct words");
        }
        return List.copyOf(new ArrayList<>(terms));
    }
}
