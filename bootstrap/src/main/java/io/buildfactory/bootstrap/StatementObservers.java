package io.buildfactory.bootstrap;

import io.buildfactory.persistence.StatementObserver;
import java.util.List;

/**
 * What sees every statement the application's database runs: none in production today; tests count statements per
 * request with it, and it is where query logging or statement metrics plug in.
 */
record StatementObservers(List<StatementObserver> observers) {

    static final StatementObservers NONE = new StatementObservers(List.of());

    StatementObservers {
        observers = List.copyOf(observers);
    }
}
