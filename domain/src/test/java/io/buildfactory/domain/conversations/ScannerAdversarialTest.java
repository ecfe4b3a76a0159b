package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A megabyte shaped to make each rule's pattern work hardest (long runs of what a rule's prefix accepts, with the
 * clue that lets the rule run): every scan ends within a bounded time, so no exchange can stall an append.
 */
class ScannerAdversarialTest {

    static final int MEGABYTE = 1 << 20;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("letters before ://", "a".repeat(MEGABYTE) + "://u:p@h"),
                Arguments.of("schemes and at-signs", "ab://".repeat(MEGABYTE / 5) + "@"),
                Arguments.of("credentials without a host", "x://u:" + "p@".repeat(MEGABYTE / 2)),
                Arguments.of("dotted names", "a.".repeat(MEGABYTE / 2) + "password=Zq8!rT3vLp0w"),
                Arguments.of("key blocks never ended", "-----BEGIN PRIVATE KEY-----\n".repeat(MEGABYTE / 28)),
                Arguments.of("digits and spaces", "1 ".repeat(MEGABYTE / 2)),
                Arguments.of("digits and dashes", "123-".repeat(MEGABYTE / 4)),
                Arguments.of("at-signs and dots", "a@b.".repeat(MEGABYTE / 4)),
                Arguments.of("jwt-looking", "eyJ".repeat(MEGABYTE / 3)),
                Arguments.of("iban-looking", "GB82 ".repeat(MEGABYTE / 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void a_megabyte_of_adversarial_input_is_scanned_in_bounded_time(String shape, String text) {
        long began = System.nanoTime();
        SensitiveDataScanner.scan(text);
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertTrue(millis < 3_000, shape + ": " + millis + " ms (a quadratic pattern takes minutes)");
    }
}
