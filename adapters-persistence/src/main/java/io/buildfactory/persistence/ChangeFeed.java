package io.buildfactory.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One counter per kind of data ({@link Topic}) that moves after every committed change to it, for whoever keeps
 * that data in memory: what was read under version {@code v} may be served while the version is still {@code v}.
 *
 * <p>A change made by this process moves the counter when its transaction has committed and before the writer
 * answers ({@link Database#changedAfterCommit}). On PostgreSQL, triggers on the topic's tables call {@code
 * pg_notify} in the writing transaction, so every server sharing the database, and any other writer, is heard
 * too: the notification is delivered at commit and never for a rollback. Until this process is listening, and
 * whenever the listening connection is lost, the version is {@link #UNKNOWN} and nothing may be served from
 * memory; on (re)connecting every counter moves, since changes may have been missed meanwhile. A SQLite database
 * is served by one process, so its own commits are all there is to hear.
 */
public final class ChangeFeed implements AutoCloseable {

    /** The version while changes cannot be heard: callers read the database instead. */
    public static final long UNKNOWN = -1;

    /**
     * What may be kept in memory, each with the PostgreSQL channel its triggers notify and the tables whose every
     * write moves it (a write this process makes to one of them is seen as it runs, whatever repository makes it).
     */
    public enum Topic {
        /**
         * Sessions, API tokens, users, roles, grants and role assignments: who a credential is, and may do. Moved by
         * the identity repositories themselves, since recording a session's or token's last use must not move it.
         */
        PRINCIPALS("bf_principals", Set.of(), true),
        /**
         * What a work item's control-plane page reads besides who the caller is: items and their dependencies,
         * projects and their members, the policies, and the delivery signals of the items' cards.
         */
        WORK(
                "bf_work",
                Set.of(
                        "work_items",
                        "work_item_dependencies",
                        "project_policies",
                        "system_policy_profiles",
                        "projects",
                        "project_members",
                        "orchestration_runs",
                        "card_assignments",
                        "run_checks",
                        "pull_request_candidates",
                        "approval_requests"),
                true),
        /**
         * Jobs that became due to run: an enqueue, a retry, a job released at shutdown. Idle workers wait on it
         * instead of polling. Nothing is kept in memory from it, so writers never wait for other servers to hear
         * it: the triggers on {@code jobs} notify, and the job repository moves it for this process's own writes.
         */
        JOBS("bf_jobs", Set.of(), false);

        private final String channel;
        private final Set<String> tables;
        private final boolean acknowledged;

        Topic(String channel, Set<String> tables, boolean acknowledged) {
            this.channel = channel;
            this.tables = tables;
            this.acknowledged = acknowledged;
        }

        /**
         * Whether a writer waits, before answering, until every server has heard its change: true for what servers
         * keep in memory, false for a mere wake-up.
         */
        public boolean acknowledged() {
            return acknowledged;
        }

        public String channel() {
            return channel;
        }

        /** The tables whose writes move this topic wherever they come from; empty where the writers move it. */
        public Set<String> tables() {
            return tables;
        }
    }

    /** How to open the listening connection: a connection of its own, never one of the pool's. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * How long the listener may go without completing a round (wait for notifications, act on them, probe the
     * connection) before this server stops trusting what it keeps: a listener that is stuck (a paused process, a
     * starved thread) may be missing notifications. Writers on other servers stop waiting for its acknowledgement
     * once its connection has been quiet for twice this, when it has distrusted its memory for a while already.
     */
    static final Duration STALL = Duration.ofSeconds(1);

    /** When the listener last completed a round ({@link System#nanoTime}). */
    private volatile long lastRound;

    private static final Duration RETRY = Duration.ofSeconds(1);

    /** How long a writer waits for every server to have heard its change before answering anyway (and logging it). */
    static final Duration ECHO_TIMEOUT = Duration.ofSeconds(1);

    /** The listening connections' application name: how a writer counts the servers that must acknowledge it. */
    static final String APPLICATION_NAME = "build-factory change feed";

    /** Where each server acknowledges a writer's mark once it has moved its versions for it. */
    static final String ACKNOWLEDGEMENTS = "bf_ack";

    private final AtomicLongArray versions = new AtomicLongArray(Topic.values().length);
    /** One monitor per topic, for {@link #awaitChange}. */
    private final Object[] waiting = new Object[Topic.values().length];
    /** Marks written by this process's transactions, until the listener hears them back. */
    private final Map<String, CountDownLatch> awaiting = new ConcurrentHashMap<>();
    /** Null on SQLite: nothing to listen to. */
    private final Connector listening;

    private volatile boolean live;
    private volatile boolean closed;
    private volatile Connection connection;
    private Thread listener;

    private ChangeFeed(Connector listening) {
        this.listening = listening;
        this.live = listening == null;
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new Object();
        }
    }

    /** A feed of this process's own commits only: right for SQLite, which one process serves. */
    static ChangeFeed local() {
        return new ChangeFeed(null);
    }

    /** A feed that also hears other writers, through PostgreSQL's LISTEN on a connection of its own. */
    static ChangeFeed listening(Connector connector) {
        return new ChangeFeed(connector);
    }

    /**
     * The topic's current version, or {@link #UNKNOWN}. On PostgreSQL the first call starts the listener, so a
     * process that keeps nothing in memory (a command-line tool) never opens the extra connection.
     */
    public long version(Topic topic) {
        if (!live) {
            startListening();
            return UNKNOWN;
        }
        if (listening != null && System.nanoTime() - lastRound > STALL.toNanos()) {
            return UNKNOWN; // the listener is stuck: it may be missing what others changed
        }
        return versions.get(topic.ordinal());
    }

    /** Moves the topic's version: what was read before may be stale now. */
    void changed(Topic topic) {
        versions.incrementAndGet(topic.ordinal());
        Object monitor = waiting[topic.ordinal()];
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * How many times the topic has moved: for a caller that waits for it to move ({@link #awaitChange}), not for
     * serving from memory, which must ask {@link #version}. On PostgreSQL the first call starts the listener.
     */
    public long moves(Topic topic) {
        startListening();
        return versions.get(topic.ordinal());
    }

    /**
     * Waits until the topic has moved past {@code seen} (a value of {@link #moves}) or {@code max} has passed,
     * whichever comes first. A wake-up, not a promise: while the listener is reconnecting, changes made by other
     * servers are heard only once it is back (every topic moves then), so waiters must bound their wait.
     */
    public void awaitChange(Topic topic, long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Object monitor = waiting[topic.ordinal()];
        synchronized (monitor) {
            long left;
            while (versions.get(topic.ordinal()) == seen && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
    }

    /**
     * A mark for a transaction to send on {@code topic}'s channel. Every listening server that hears it moves its
     * versions and then acknowledges the mark on {@link #ACKNOWLEDGEMENTS}; once the transaction has committed,
     * {@link Echo#await} returns when {@code listeners} acknowledgements are in. So a writer that waits before
     * answering knows that no server sharing the database still serves from memory what the change made stale.
     */
    Echo echo(Topic topic, int listeners) {
        String mark = "echo:" + UUID.randomUUID();
        awaiting.put(mark, new CountDownLatch(Math.max(1, listeners)));
        return new Echo(topic, mark);
    }

    /** One transaction's own notification, awaited after its commit and forgotten either way. */
    final class Echo {
        private final Topic topic;
        private final String mark;

        private Echo(Topic topic, String mark) {
            this.topic = topic;
            this.mark = mark;
        }

        Topic topic() {
            return topic;
        }

        String mark() {
            return mark;
        }

        /** Waits until every server has acknowledged the mark; at once while this one hears nothing. */
        void await() {
            CountDownLatch latch = awaiting.get(mark);
            try {
                if (latch != null && live && !latch.await(ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn(
                            "a change to {} was not acknowledged by every server within {} ms ({} missing);"
                                    + " a server that has not heard it may serve it late",
                            topic,
                            ECHO_TIMEOUT.toMillis(),
                            latch.getCount());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                forget();
            }
        }

        void forget() {
            awaiting.remove(mark);
        }
    }

    private void changedAll() {
        for (Topic topic : Topic.values()) {
            changed(topic);
        }
    }

    private synchronized void startListening() {
        if (listening == null || listener != null || closed) {
            return;
        }
        listener = Thread.ofPlatform().name("bf-change-feed").daemon().start(this::listen);
    }

    private void listen() {
        while (!closed) {
            try (Connection c = listening.connect();
                    Statement statement = c.createStatement();
                    java.sql.PreparedStatement acknowledge =
                            c.prepareStatement("SELECT pg_notify('" + ACKNOWLEDGEMENTS + "', ?)")) {
                connection = c;
                for (Topic topic : Topic.values()) {
                    statement.execute("LISTEN " + topic.channel());
                }
                statement.execute("LISTEN " + ACKNOWLEDGEMENTS);
                changedAll(); // whatever was read before this point may have missed a notification
                lastRound = System.nanoTime();
                live = true;
                PGConnection notifications = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] heard = notifications.getNotifications((int) POLL.toMillis());
                    if (heard != null) {
                        List<String> marks = new ArrayList<>();
                        for (PGNotification notification : heard) {
                            if (notification.getName().equals(ACKNOWLEDGEMENTS)) {
                                CountDownLatch echo = awaiting.get(notification.getParameter());
                                if (echo != null) {
                                    echo.countDown();
                                }
                            } else {
                                heard(notification.getName());
                                if (notification.getParameter().startsWith("echo:")) {
                                    marks.add(notification.getParameter());
                                }
                            }
                        }
                        // the versions have moved for everything in this batch: now say so to the writers
                        for (String mark : marks) {
                            acknowledge.setString(1, mark);
                            acknowledge.execute();
                        }
                    }
                    // getNotifications only reads what has arrived: a query notices a connection that is gone.
                    statement.execute("SELECT 1");
                    lastRound = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                if (!closed) {
                    LOG.warn(
                            "change feed lost its database connection; serving from the database until it is back: {}",
                            e.toString());
                    pause();
                }
            } finally {
                live = false;
                connection = null;
            }
        }
    }

    private void heard(String channel) {
        for (Topic topic : Topic.values()) {
            if (topic.channel().equals(channel)) {
                changed(topic);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** True while changes are heard (always on SQLite). */
    public boolean live() {
        return live;
    }

    @Override
    public void close() {
        closed = true;
        live = false;
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running == null) {
            return;
        }
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // ends a wait in getNotifications at once
            } catch (SQLException ignored) {
                // closing is all that was wanted
            }
        }
        try {
            running.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
