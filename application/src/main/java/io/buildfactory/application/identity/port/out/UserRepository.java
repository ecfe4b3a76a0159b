package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Users and the external identities linked to them. */
public interface UserRepository {

    /** Stores a new user; a taken email (any case) is a duplicate conflict on {@code email}. */
    void insert(User user);

    /**
     * Stores changes to {@code user} if nobody changed it since it was read at {@code user.version()}.
     *
     * @return the user as stored, at the next version
     * @throws io.buildfactory.domain.shared.ConflictException on a stale version or a taken email
     */
    User update(User user);

    Optional<User> findById(UserId id);

    /** Finds a user by email, ignoring case. */
    Optional<User> findByEmail(EmailAddress email);

    /** All users, oldest first. */
    Page<User> list(PageRequest page);

    /** Removes the user; their sessions, links, roles and owned conversations go with them. @return whether it existed */
    boolean delete(UserId id);

    /** Whether any user exists at all; first-start bootstrapping depends on it. */
    boolean any();

    /** A (provider, subject) pair already linked to any user is a duplicate conflict on {@code subject}. */
    void insertLink(IdentityLink link);

    Optional<IdentityLink> findLink(String provider, String subject);

    List<IdentityLink> linksOf(UserId userId);

    /** @return whether a link was removed */
    boolean deleteLink(IdentityLinkId id);
}
