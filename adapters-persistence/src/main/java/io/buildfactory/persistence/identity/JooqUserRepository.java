package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.IDENTITY_LINKS;
import static io.buildfactory.persistence.jooq.Tables.USERS;

import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

public final class JooqUserRepository implements UserRepository {

    private final Database db;

    public JooqUserRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(User user) {
        try {
            db.transaction(() -> db.dsl().executeInsert(UserMapper.toRecord(user)));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public User update(User user) {
        User next = UserMapper.nextVersion(user);
        int updated;
        try {
            updated = db.transaction(
                    ChangeFeed.Topic.PRINCIPALS,
                    () -> db.dsl()
                            .update(USERS)
                            .set(UserMapper.toRecord(next))
                            .where(USERS.ID.eq(user.id().toString()))
                            .and(USERS.VERSION.eq(user.version()))
                            .execute());
        } catch (DataAccessException e) {
            throw translate(e);
        }
        if (updated == 0) {
            throw ConflictException.staleVersion("user", user.id(), user.version());
        }
        return next;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return db.dsl().selectFrom(USERS).where(USERS.ID.eq(id.toString())).fetchOptional(UserMapper::toDomain);
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return db.dsl()
                .selectFrom(USERS)
                .where(USERS.EMAIL_CANONICAL.eq(email.canonical()))
                .fetchOptional(UserMapper::toDomain);
    }

    @Override
    public Page<User> list(PageRequest page) {
        var query = db.dsl()
                .selectFrom(USERS)
                .where(page.after().map(USERS.ID::gt).orElse(org.jooq.impl.DSL.noCondition()));
        List<User> fetched = query.orderBy(USERS.ID).limit(page.limit() + 1).fetch(UserMapper::toDomain);
        return Page.of(fetched, page.limit(), u -> u.id().toString());
    }

    @Override
    public boolean delete(UserId id) {
        return db.transaction(
                        ChangeFeed.Topic.PRINCIPALS,
                        () -> db.dsl()
                                .deleteFrom(USERS)
                                .where(USERS.ID.eq(id.toString()))
                                .execute())
                > 0;
    }

    @Override
    public boolean any() {
        return db.dsl().fetchExists(USERS);
    }

    @Override
    public void insertLink(IdentityLink link) {
        try {
            db.transaction(() -> db.dsl().executeInsert(UserMapper.toRecord(link)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "subject")) {
                throw ConflictException.duplicate("identity link", "subject");
            }
            throw e;
        }
    }

    @Override
    public Optional<IdentityLink> findLink(String provider, String subject) {
        return db.dsl()
                .selectFrom(IDENTITY_LINKS)
                .where(IDENTITY_LINKS.PROVIDER.eq(provider))
                .and(IDENTITY_LINKS.SUBJECT.eq(subject))
                .fetchOptional(UserMapper::toDomain);
    }

    @Override
    public List<IdentityLink> linksOf(UserId userId) {
        return db.dsl()
                .selectFrom(IDENTITY_LINKS)
                .where(IDENTITY_LINKS.USER_ID.eq(userId.toString()))
                .orderBy(IDENTITY_LINKS.ID)
                .fetch(UserMapper::toDomain);
    }

    @Override
    public boolean deleteLink(IdentityLinkId id) {
        return db.transaction(() -> db.dsl()
                        .deleteFrom(IDENTITY_LINKS)
                        .where(IDENTITY_LINKS.ID.eq(id.toString()))
                        .execute())
                > 0;
    }

    private static RuntimeException translate(DataAccessException e) {
        if (Constraints.isUniqueViolation(e, "email_canonical")) {
            return ConflictException.duplicate("user", "email");
        }
        if (Constraints.isUniqueViolation(e, "id")) {
            return ConflictException.duplicate("user", "id");
        }
        return e;
    }
}
