package io.buildfactory.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository call inside it commits together or not at all.
 * Nested calls join the outer transaction (no savepoint): a failure inside fails the whole transaction, so do not
 * catch it and carry on writing.
 */
public interface TransactionRunner {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
