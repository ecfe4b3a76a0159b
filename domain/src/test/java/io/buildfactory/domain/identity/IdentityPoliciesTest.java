package io.buildfactory.domain.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityPoliciesTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final EmailAddress EMAIL = new EmailAddress("ada@example.com");

    @Test
    void passwords_of_12_to_256_characters_are_accepted() {
        assertDoesNotThrow(() -> PasswordPolicy.check("violet-otter-lamp", EMAIL));
        assertDoesNotThrow(() -> PasswordPolicy.check("x".repeat(256), EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "elevenchars", "Password1234", "qwertyuiop123", "ADA@example.com"})
    void short_common_or_email_passwords_are_refused(String password) {
        assertEquals(
                "password",
                assertThrows(InvalidInputException.class, () -> PasswordPolicy.check(password, EMAIL))
                        .field());
    }

    @Test
    void a_password_over_256_characters_is_refused() {
        assertThrows(InvalidInputException.class, () -> PasswordPolicy.check("x".repeat(257), EMAIL));
    }

    Session session(SessionPolicy policy) {
        Random random = new Random(4);
        return policy.open(
                new SessionId(Ulid.generate(T0, random)),
                new UserId(Ulid.generate(T0, random)),
                TokenHash.of("t"),
                T0,
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void activity_is_recorded_at_most_once_per_touch_interval_and_never_past_the_absolute_deadline() {
        SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofMinutes(1));
        Session s = session(policy);
        assertEquals(Optional.empty(), policy.touch(s, T0.plusSeconds(59)), "too soon to write again");
        assertEquals(Optional.of(T0.plusSeconds(60).plus(Duration.ofMinutes(30))), policy.touch(s, T0.plusSeconds(60)));
        assertEquals(
                Optional.of(T0.plus(Duration.ofHours(1))),
                policy.touch(s, T0.plus(Duration.ofMinutes(50))),
                "clamped to the absolute deadline");
    }

    @Test
    void the_throttle_blocks_after_the_threshold_with_a_doubling_capped_delay() {
        LoginThrottle throttle =
                new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(5));
        LoginThrottle.Record r = LoginThrottle.Record.none(T0);
        r = throttle.fail(r, T0);
        r = throttle.fail(r, T0);
        assertEquals(Optional.empty(), throttle.waitAt(r, T0), "below the threshold nothing waits");
        r = throttle.fail(r, T0);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitAt(r, T0));
        r = throttle.fail(r, T0.plusSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.waitAt(r, T0.plusSeconds(1)));
        r = throttle.fail(r, T0.plusSeconds(3));
        assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.waitAt(r, T0.plusSeconds(3)));
        r = throttle.fail(r, T0.plusSeconds(7));
        assertEquals(Optional.of(Duration.ofSeconds(5)), throttle.waitAt(r, T0.plusSeconds(7)), "capped");
        assertEquals(Optional.empty(), throttle.waitAt(r, T0.plusSeconds(12)), "the block ends");
    }

    @Test
    void failures_outside_the_window_start_a_new_count() {
        LoginThrottle throttle =
                new LoginThrottle(2, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(5));
        LoginThrottle.Record r = throttle.fail(LoginThrottle.Record.none(T0), T0);
        r = throttle.fail(r, T0.plus(Duration.ofMinutes(16)));
        assertEquals(1, r.failures());
        assertTrue(r.blockedUntil().isEmpty());
    }

    @Test
    void the_catalogue_holds_the_seed_permissions() {
        assertTrue(Permissions.all().contains(new Permission("factory.work-item.execute")));
        assertTrue(Permissions.all().contains(new Permission("factory.work-item.prepare-release")));
        assertTrue(Permissions.all().contains(new Permission("factory.work-item.record-history")));
        assertTrue(Permissions.all().contains(new Permission("factory.work-item.request-review")));
    }
}
