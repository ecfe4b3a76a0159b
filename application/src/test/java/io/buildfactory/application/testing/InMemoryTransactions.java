package io.buildfactory.application.testing;

import io.buildfactory.application.shared.port.out.TransactionRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over in-memory stores with the guarantees use cases rely on: one writer at a time, nested calls
 * join the outer transaction, and a failure anywhere restores every registered store to how it was before, so a
 * use-case test can assert that a refused change left nothing behind.
 */
public final class InMemoryTransactions implements TransactionRunner {

    private final ReentrantLock writer = new ReentrantLock();
    private final List<Transactional> stores = new CopyOnWriteArrayList<>();

    public <S extends Transactional> S register(S store) {
        stores.add(store);
        return store;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        writer.lock();
        try {
            if (writer.getHoldCount() > 1) {
                return work.get();
            }
            List<Object> before = stores.stream().map(Transactional::snapshot).toList();
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < before.size(); i++) {
                    stores.get(i).restore(before.get(i));
                }
                throw e;
            }
        } finally {
            writer.unlock();
        }
    }
}
