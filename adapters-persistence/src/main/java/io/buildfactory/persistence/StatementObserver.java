package io.buildfactory.persistence;

/**
 * Sees each statement the database runs, on the thread that runs it, before it runs: for counting statements per
 * request, logging or metrics, without the caller touching jOOQ.
 */
@FunctionalInterface
public interface StatementObserver {

    void executing(String sql);
}
