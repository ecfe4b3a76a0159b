package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.API_TOKENS;
import static io.buildfactory.persistence.jooq.Tables.ROLE_PERMISSIONS;
import static io.buildfactory.persistence.jooq.Tables.SESSIONS;
import static io.buildfactory.persistence.jooq.Tables.USERS;
import static io.buildfactory.persistence.jooq.Tables.USER_ROLES;

import io.buildfactory.application.identity.port.out.Principals;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The credential, its user and the user's permissions in one statement and one row: the credential joined to its
 * user, the permissions of the user's roles aggregated into one column (one row per permission would read and
 * parse the credential and the user again for each).
 */
public final class JooqPrincipals implements Principals {

    private final Database db;

    public JooqPrincipals(Database db) {
        this.db = db;
    }

    @Override
    public long version() {
        long version = db.version(ChangeFeed.Topic.PRINCIPALS);
        return version == ChangeFeed.UNKNOWN ? UNKNOWN : version;
    }

    @Override
    public Optional<Principal<Session>> bySessionTokenHash(TokenHash hash) {
        return principal(
                SESSIONS,
                SESSIONS.USER_ID,
                SESSIONS.TOKEN_HASH.eq(hash.hex()),
                r -> JooqSessionRepository.toDomain(r.into(SESSIONS)));
    }

    @Override
    public Optional<Principal<ApiToken>> byApiTokenHash(TokenHash hash) {
        return principal(
                API_TOKENS,
                API_TOKENS.USER_ID,
                API_TOKENS.TOKEN_HASH.eq(hash.hex()),
                r -> JooqApiTokenRepository.toDomain(r.into(API_TOKENS)));
    }

    /**
     * The user's permissions, comma-separated, as one column of the credential's row (NULL when there are none).
     * PostgreSQL gets {@code string_agg(p, ',' ORDER BY p)}; for SQLite jOOQ writes the separator after the
     * ORDER BY, which SQLite reads as a second ordering term and keeps its default separator, the comma wanted
     * here. The contract test reads the permissions back on both engines.
     */
    private static final Field<String> PERMISSIONS = DSL.field(
            DSL.select(DSL.listAgg(ROLE_PERMISSIONS.PERMISSION, ",").withinGroupOrderBy(ROLE_PERMISSIONS.PERMISSION))
                    .from(USER_ROLES)
                    .join(ROLE_PERMISSIONS)
                    .on(ROLE_PERMISSIONS.ROLE_ID.eq(USER_ROLES.ROLE_ID))
                    .where(USER_ROLES.USER_ID.eq(USERS.ID)));

    private <C> Optional<Principal<C>> principal(
            Table<?> credentials, TableField<?, String> owner, Condition match, Function<Record, C> credential) {
        List<SelectField<?>> columns = new ArrayList<>(List.of(credentials.fields()));
        columns.addAll(List.of(USERS.fields()));
        columns.add(PERMISSIONS.as("permissions"));
        return db.dsl()
                .select(columns)
                .from(credentials)
                .join(USERS)
                .on(USERS.ID.eq(owner))
                .where(match)
                .fetchOptional()
                .map(row -> {
                    String granted = row.get("permissions", String.class);
                    Set<Permission> permissions = granted == null || granted.isEmpty()
                            ? Set.of()
                            : Stream.of(granted.split(","))
                                    .map(Permission::new)
                                    .collect(Collectors.toCollection(TreeSet::new));
                    return new Principal<>(credential.apply(row), UserMapper.toDomain(row.into(USERS)), permissions);
                });
    }
}
