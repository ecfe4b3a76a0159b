package io.buildfactory.application.testing;

/** An in-memory store that a rolled-back {@link InMemoryTransactions} puts back as it was. */
public interface Transactional {

    Object snapshot();

    void restore(Object snapshot);
}
