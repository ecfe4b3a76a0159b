package io.buildfactory.application.shared.port.out;

/**
 * Numbers that move after every committed change to a kind of data, made by this server or any other sharing the
 * database, before the change's writer answers on this server: what was read while a version was {@code v} may
 * be served again from memory while it is still {@code v}. {@link #UNKNOWN} means it may not: while changes
 * cannot be heard, and inside a transaction (which must read what it has written itself).
 */
public interface ChangeVersions {

    long UNKNOWN = -1;

    /** For wiring without a change feed: nothing is ever served from memory. */
    ChangeVersions UNTRACKED = new ChangeVersions() {
        @Override
        public long principals() {
            return UNKNOWN;
        }

        @Override
        public long work() {
            return UNKNOWN;
        }
    };

    /** Sessions, API tokens, users, roles, grants and role assignments. */
    long principals();

    /**
     * What a work item's control-plane page reads besides its caller's rights: work items and their dependencies,
     * projects and their members, the policies, and the delivery signals of the items' cards.
     */
    long work();

    /** Both at once, for what depends on both: unknown if either is, else a number that moves when either does. */
    default long principalsAndWork() {
        long principals = principals();
        long work = work();
        return principals == UNKNOWN || work == UNKNOWN ? UNKNOWN : principals + work;
    }
}
