package io.buildfactory.bootstrap;

import static io.buildfactory.persistence.jooq.Tables.ROLES;
import static io.buildfactory.persistence.jooq.Tables.USERS;
import static io.buildfactory.persistence.jooq.Tables.USER_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two administrators removing each other at the same moment, by erasure, by taking the admin role away, or by
 * disabling the account: one wins, the other is refused as the last administrator, and one active
 * administrator always remains.
 */
class LastAdministratorRaceTest {

    static final int ROUNDS = 6;
    static final String PASSWORD = "race-passphrase-123";

    /** One administrator's move against another: the request it makes. */
    interface Move {
        HttpResult against(Api api, String token, String target, String adminRole);
    }

    static final Map<String, Move> MOVES = Map.of(
            "erase", (api, token, target, role) -> api.post("/api/users/" + target + "/erasure", token, null),
            "unassign",
                    (api, token, target, role) ->
                            api.call("DELETE", "/api/users/" + target + "/roles/" + role, token, null),
            "disable",
                    (api, token, target, role) -> api.call(
                            "PATCH",
                            "/api/users/" + target,
                            token,
                            Map.of(
                                    "version",
                                    api.get("/api/users/" + target, token)
                                            .json()
                                            .path("version")
                                            .asInt(1),
                                    "status",
                                    "disabled")));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void two_administrators_removing_each_other_at_once_always_leave_one(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String adminRole = api.roleId(api.admin(), "admin");
            String survivorEmail = Api.ADMIN_EMAIL;
            String survivorPassword = Api.ADMIN_PASSWORD;
            List<String> outcomes = new ArrayList<>();
            // its own threads: the common pool may have a single worker on a small machine, busy serving
            ExecutorService racers = Executors.newFixedThreadPool(2);
            int round = 0;
            for (var move : MOVES.entrySet()) {
                for (int r = 0; r < ROUNDS; r++, round++) {
                    String a = api.logIn(survivorEmail, survivorPassword);
                    String aId = api.get("/api/auth/session", a)
                            .json()
                            .path("user")
                            .path("id")
                            .asText();
                    String email = "rival" + round + "@example.com";
                    String bId = api.createHuman(a, email, PASSWORD, "admin");
                    String b = api.logIn(email, PASSWORD);

                    CyclicBarrier start = new CyclicBarrier(2);
                    Function<String[], CompletableFuture<HttpResult>> race = who -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                return move.getValue().against(api, who[0], who[1], adminRole);
                            },
                            racers);
                    CompletableFuture<HttpResult> aMoves = race.apply(new String[] {a, bId});
                    CompletableFuture<HttpResult> bMoves = race.apply(new String[] {b, aId});
                    HttpResult byA = aMoves.get();
                    HttpResult byB = bMoves.get();

                    assertEquals(
                            1,
                            activeAdministrators(db, engine),
                            move.getKey() + " round " + r + ": A -> " + byA.status() + " " + byA.body() + ", B -> "
                                    + byB.status() + " " + byB.body());
                    assertTrue(byA.status() < 300 || byB.status() < 300, "one of them won: " + byA.body() + byB.body());
                    for (HttpResult lost : List.of(byA, byB)) {
                        if (lost.status() >= 300) {
                            assertTrue(
                                    lost.status() == 409 && lost.body().contains("rule-violation")
                                            || (lost.status() == 401 || lost.status() == 403),
                                    "the loser is refused as the last admin (or was "
                                            + "already signed out by the winner): " + lost.status() + " "
                                            + lost.body());
                        }
                    }
                    outcomes.add(move.getKey() + ":" + (byA.status() < 300 ? "A" : "B"));
                    if (byB.status() < 300) { // B removed A: B is the administrator from now on
                        survivorEmail = email;
                        survivorPassword = PASSWORD;
                    }
                }
            }
            racers.shutdown();
            assertEquals(MOVES.size() * ROUNDS, outcomes.size());
        }
    }

    static int activeAdministrators(TestDatabase db, Engine engine) {
        return db.database()
                .dsl()
                .fetchCount(db.database()
                        .dsl()
                        .select(USERS.ID)
                        .from(USERS)
                        .join(USER_ROLES)
                        .on(USER_ROLES.USER_ID.eq(USERS.ID))
                        .join(ROLES)
                        .on(ROLES.ID.eq(USER_ROLES.ROLE_ID))
                        .where(ROLES.NAME.eq("admin"))
                        .and(USERS.STATUS.eq("active")));
    }
}
