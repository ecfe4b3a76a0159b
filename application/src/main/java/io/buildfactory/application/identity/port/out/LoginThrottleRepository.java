package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.LoginThrottle;
import java.util.Optional;

/** Failed-login counters, by key ({@code account:<hash>} or {@code address:<ip>}). */
public interface LoginThrottleRepository {

    Optional<LoginThrottle.Record> find(String key);

    void save(String key, LoginThrottle.Record record);

    void clear(String key);
}
