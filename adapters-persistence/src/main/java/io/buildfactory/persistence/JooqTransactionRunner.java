package io.buildfactory.persistence;

import io.buildfactory.application.shared.port.out.TransactionRunner;
import java.util.function.Supplier;

public final class JooqTransactionRunner implements TransactionRunner {

    private final Database database;

    public JooqTransactionRunner(Database database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.transaction(work);
    }
}
