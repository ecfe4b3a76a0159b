package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class UserRepositoryContractTest {

    @Parameter
    Engine engine;

    TestDatabase db;
    JooqUserRepository users;
    final Fixtures fixtures = new Fixtures();

    @BeforeEach
    void open() {
        db = TestDatabase.migrated(engine);
        users = new JooqUserRepository(db.database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void inserted_user_is_found_by_id_with_every_field() {
        User user = fixtures.user();
        users.insert(user);
        assertEquals(Optional.of(user), users.findById(user.id()));
    }
}
