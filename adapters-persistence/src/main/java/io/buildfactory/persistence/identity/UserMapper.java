package io.buildfactory.persistence.identity;

import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.PasswordHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.identity.UserStatus;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.IdentityLinksRecord;
import io.buildfactory.persistence.jooq.tables.records.UsersRecord;
import java.util.Optional;

final class UserMapper {

    private UserMapper() {}

    static UsersRecord toRecord(User user) {
        return new UsersRecord(
                user.id().toString(),
                user.email().value(),
                user.email().canonical(),
                user.displayName(),
                user.kind().code(),
                user.status().code(),
                user.passwordHash().map(PasswordHash::encoded).orElse(null),
                user.createdAt(),
                user.updatedAt(),
                user.version());
    }

    static User nextVersion(User user) {
        return User.rehydrate(
                user.id(),
                user.email(),
                user.displayName(),
                user.kind(),
                user.status(),
                user.passwordHash(),
                user.createdAt(),
                user.updatedAt(),
                user.version() + 1);
    }

    static User toDomain(UsersRecord r) {
        return User.rehydrate(
                UserId.parse(r.getId()),
                new EmailAddress(r.getEmail()),
                r.getDisplayName(),
                UserKind.fromCode(r.getKind()),
                UserStatus.fromCode(r.getStatus()),
                Optional.ofNullable(r.getPasswordHash()).map(PasswordHash::new),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }

    static IdentityLinksRecord toRecord(IdentityLink link) {
        return new IdentityLinksRecord(
                link.id().toString(),
                link.userId().toString(),
                link.provider(),
                link.subject(),
                link.email().map(EmailAddress::value).orElse(null),
                JsonText.ofNullable(link.profileJson().orElse(null)),
                link.createdAt(),
                link.createdAt());
    }

    static IdentityLink toDomain(IdentityLinksRecord r) {
        return new IdentityLink(
                IdentityLinkId.parse(r.getId()),
                UserId.parse(r.getUserId()),
                r.getProvider(),
                r.getSubject(),
                Optional.ofNullable(r.getEmail()).map(EmailAddress::new),
                Optional.ofNullable(r.getProfile()).map(JsonText::compact),
                r.getCreatedAt());
    }
}
