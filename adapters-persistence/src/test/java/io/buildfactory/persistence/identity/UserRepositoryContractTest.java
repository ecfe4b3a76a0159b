package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.PasswordHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserRepositoryContractTest extends OnBothEngines {

    JooqUserRepository users;

    @BeforeEach
    void repository() {
        users = new JooqUserRepository(db.database());
    }

    @Test
    void inserted_user_is_found_by_id_with_every_field() {
        User user = fixtures.user()
                .withPassword(new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"), Fixtures.NOW);
        users.insert(user);
        assertEquals(Optional.of(user), users.findById(user.id()));
    }

    @Test
    void email_lookup_ignores_case() {
        User user = fixtures.user();
        users.insert(user);
        assertEquals(
                Optional.of(user),
                users.findByEmail(new EmailAddress(user.email().value().toUpperCase())));
    }

    @Test
    void same_email_in_another_case_is_a_duplicate() {
        User first = fixtures.user();
        users.insert(first);
        User second = fixtures.user()
                .changeEmail(new EmailAddress(first.email().value().toUpperCase()), Fixtures.NOW);
        ConflictException conflict = assertThrows(ConflictException.class, () -> users.insert(second));
        assertEquals("email", conflict.field());
        assertEquals(Optional.empty(), users.findById(second.id()));
    }

    @Test
    void update_bumps_the_version_and_a_stale_update_is_refused() {
        User user = fixtures.user();
        users.insert(user);
        User renamed = users.update(user.rename("New Name", Fixtures.NOW.plusSeconds(5)));
        assertEquals(2, renamed.version());
        assertEquals(Optional.of(renamed), users.findById(user.id()));

        ConflictException stale = assertThrows(
                ConflictException.class, () -> users.update(user.rename("Lost Update", Fixtures.NOW.plusSeconds(6))));
        assertEquals(ConflictException.Reason.STALE_VERSION, stale.reason());
        assertEquals("New Name", users.findById(user.id()).orElseThrow().displayName());
    }

    @Test
    void list_pages_through_every_user_once_in_id_order() {
        List<User> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            User user = fixtures.user();
            users.insert(user);
            inserted.add(user);
        }
        List<User> seen = Paging.all(3, users::list);
        inserted.sort((a, b) -> a.id().value().compareTo(b.id().value()));
        assertEquals(inserted, seen);
    }

    @Test
    void any_is_false_only_on_an_empty_database() {
        assertFalse(users.any());
        users.insert(fixtures.user());
        assertTrue(users.any());
    }

    @Test
    void identity_links_are_found_listed_and_removed() {
        User user = fixtures.user();
        users.insert(user);
        IdentityLink link = new IdentityLink(
                new IdentityLinkId(fixtures.id()),
                user.id(),
                "github",
                "12345",
                Optional.of(new EmailAddress("octo@example.com")),
                Optional.of("{\"login\":\"octo\"}"),
                Fixtures.NOW);
        users.insertLink(link);

        assertEquals(Optional.of(link), users.findLink("github", "12345"));
        assertEquals(List.of(link), users.linksOf(user.id()));
        assertTrue(users.deleteLink(link.id()));
        assertFalse(users.deleteLink(link.id()));
        assertEquals(List.of(), users.linksOf(user.id()));
    }

    @Test
    void an_external_identity_links_to_one_user_only() {
        User first = fixtures.user();
        User second = fixtures.user();
        users.insert(first);
        users.insert(second);
        users.insertLink(new IdentityLink(
                new IdentityLinkId(fixtures.id()),
                first.id(),
                "github",
                "777",
                Optional.empty(),
                Optional.empty(),
                Fixtures.NOW));

        ConflictException conflict = assertThrows(
                ConflictException.class,
                () -> users.insertLink(new IdentityLink(
                        new IdentityLinkId(fixtures.id()),
                        second.id(),
                        "github",
                        "777",
                        Optional.empty(),
                        Optional.empty(),
                        Fixtures.NOW)));
        assertEquals("subject", conflict.field());
        assertEquals(List.of(), users.linksOf(second.id()));
    }
}
