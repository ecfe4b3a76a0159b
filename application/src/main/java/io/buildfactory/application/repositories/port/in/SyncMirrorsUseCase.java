package io.buildfactory.application.repositories.port.in;

/** The background side of mirrors: the recurring job that syncs every due mirror. */
public interface SyncMirrorsUseCase {

    /** The job type that syncs due mirrors: recurring, and queued by "sync now". */
    String JOB = "mirrors.sync";

    /**
     * Syncs due mirrors one after another, at most {@code limit}: each claimed first, so that no mirror is synced by
     * two servers at once. A failing mirror records its error and backs off; the others go on.
     */
    Report syncDue(int limit);

    record Report(int synced, int failed, int lost) {}
}
