package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.LOGIN_THROTTLES;

import io.buildfactory.application.identity.port.out.LoginThrottleRepository;
import io.buildfactory.domain.identity.LoginThrottle;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.persistence.Database;
import java.time.Clock;
import java.util.Optional;

public final class JooqLoginThrottleRepository implements LoginThrottleRepository {

    private final Database db;
    private final Clock clock;

    public JooqLoginThrottleRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<LoginThrottle.Record> find(String key) {
        return db.dsl()
                .selectFrom(LOGIN_THROTTLES)
                .where(LOGIN_THROTTLES.THROTTLE_KEY.eq(key))
                .fetchOptional(r -> new LoginThrottle.Record(
                        r.getFailures(), r.getWindowStartedAt(), Optional.ofNullable(r.getUnblocksAt())));
    }

    @Override
    public void save(String key, LoginThrottle.Record record) {
        var values = db.dsl().newRecord(LOGIN_THROTTLES);
        values.setThrottleKey(key);
        values.setFailures(record.failures());
        values.setWindowStartedAt(Timestamps.stored(record.windowStartedAt()));
        values.setUnblocksAt(record.blockedUntil().map(Timestamps::stored).orElse(null));
        values.setUpdatedAt(Timestamps.stored(clock.instant()));
        db.transaction(() -> db.dsl()
                .insertInto(LOGIN_THROTTLES)
                .set(values)
                .onConflict(LOGIN_THROTTLES.THROTTLE_KEY)
                .doUpdate()
                .set(values)
                .execute());
    }

    @Override
    public void clear(String key) {
        db.transaction(() -> db.dsl()
                .deleteFrom(LOGIN_THROTTLES)
                .where(LOGIN_THROTTLES.THROTTLE_KEY.eq(key))
                .execute());
    }
}
