package io.buildfactory.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class IdentityValuesTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void emails_compare_without_case_but_keep_how_they_were_typed() {
        EmailAddress email = new EmailAddress("  Ada.Lovelace@Example.COM ");
        assertEquals("Ada.Lovelace@Example.COM", email.value());
        assertEquals("ada.lovelace@example.com", email.canonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "two@@example.com", "with space@example.com"})
    void malformed_emails_are_refused_naming_the_field(String text) {
        assertEquals(
                "email",
                assertThrows(InvalidInputException.class, () -> new EmailAddress(text))
                        .field());
    }

    @Test
    void permissions_follow_the_factory_area_verb_form() {
        assertEquals("factory.work-item.execute", new Permission("factory.work-item.execute").name());
        assertThrows(InvalidInputException.class, () -> new Permission("work-item.execute"));
        assertThrows(InvalidInputException.class, () -> new Permission("factory.Work.execute"));
        assertThrows(InvalidInputException.class, () -> new Permission("factory.a.b.c"));
    }

    @Test
    void a_token_hash_is_the_sha256_hex_of_the_token_and_never_the_token() {
        TokenHash hash = TokenHash.of("secret-token");
        // SHA-256("abc") from FIPS 180-2, to pin the algorithm and encoding
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                TokenHash.of("abc").hex());
        assertEquals(hash, TokenHash.of("secret-token"));
        assertFalse(hash.hex().contains("secret"));
    }

    @Test
    void a_password_hash_never_prints_itself() {
        assertEquals("PasswordHash[***]", new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$abc$def").toString());
    }

    @Test
    void a_session_is_valid_until_its_idle_or_absolute_deadline_whichever_is_first() {
        Session session = new Session(
                new SessionId(Ulid.generate(T0, new Random(1))),
                new UserId(Ulid.generate(T0, new Random(2))),
                TokenHash.of("t"),
                T0,
                T0,
                T0.plus(Duration.ofMinutes(30)),
                T0.plus(Duration.ofHours(12)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertTrue(session.isValidAt(T0.plus(Duration.ofMinutes(30)).minusSeconds(1)));
        assertFalse(session.isValidAt(T0.plus(Duration.ofMinutes(30))));
    }

    @Test
    void an_idle_deadline_beyond_the_absolute_one_is_clamped() {
        Session session = new Session(
                new SessionId(Ulid.generate(T0, new Random(1))),
                new UserId(Ulid.generate(T0, new Random(2))),
                TokenHash.of("t"),
                T0,
                T0,
                T0.plus(Duration.ofHours(13)),
                T0.plus(Duration.ofHours(12)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertEquals(T0.plus(Duration.ofHours(12)), session.idleExpiresAt());
    }

    @Test
    void an_ended_session_is_invalid_at_once() {
        Session session = new Session(
                new SessionId(Ulid.generate(T0, new Random(1))),
                new UserId(Ulid.generate(T0, new Random(2))),
                TokenHash.of("t"),
                T0,
                T0,
                T0.plus(Duration.ofMinutes(30)),
                T0.plus(Duration.ofHours(12)),
                Optional.of(T0.plusSeconds(5)),
                Optional.of(SessionEndReason.LOGOUT),
                Optional.empty(),
                Optional.empty());
        assertFalse(session.isValidAt(T0.plusSeconds(6)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Session(
                        session.id(),
                        session.userId(),
                        session.tokenHash(),
                        T0,
                        T0,
                        T0.plusSeconds(60),
                        T0.plusSeconds(60),
                        Optional.of(T0),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void a_role_without_a_description_reads_back_as_an_empty_one() {
        Role role = Role.create(
                new RoleId(Ulid.generate(T0, new Random(3))), new RoleName("auditor"), null, java.util.Set.of(), T0);
        assertEquals("", role.description());
        assertEquals(
                role,
                new Role(
                        role.id(),
                        role.name(),
                        role.description(),
                        false,
                        role.permissions(),
                        role.createdAt(),
                        role.updatedAt(),
                        role.version()));
    }
}
