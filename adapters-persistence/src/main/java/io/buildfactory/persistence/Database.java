package io.buildfactory.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The open database: a connection pool, the jOOQ context for its dialect, and the transaction rules.
 * Every SQLite/PostgreSQL difference in how connections behave is decided here and nowhere else.
 */
public final class Database implements AutoCloseable {

    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    private final Vendor vendor;
    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    /** The pool behind its gate: what every statement borrows from. */
    private final DataSource dataSource;

    private final DSLContext dsl;
    private final Dialect dialect;
    /** SQLite allows one writer at a time: writers queue here instead of meeting SQLITE_BUSY. */
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    /** Set while this thread is in a transaction: what it changed, to announce once it has committed. */
    private final ThreadLocal<Transaction> transaction = new ThreadLocal<>();

    private static final class Transaction {
        final java.util.Set<ChangeFeed.Topic> changed = java.util.EnumSet.noneOf(ChangeFeed.Topic.class);
        final List<ChangeFeed.Echo> echoes = new ArrayList<>();
    }

    private final ChangeFeed changes;

    private Database(
            DatabaseSettings settings, HikariDataSource pool, ChangeFeed changes, ExecuteListener... listeners) {
        this.vendor = settings.vendor();
        this.settings = settings;
        this.pool = pool;
        this.changes = changes;
        this.dataSource = new ConnectionGate(pool, pool.getMaximumPoolSize(), pool.getConnectionTimeout());
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(vendor.dialect())
                .set(jooqSettings())
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)))
                .set(withWatcher(listeners)));
        this.dialect = new Dialect(vendor, dsl);
    }

    private static Settings jooqSettings() {
        return new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                // key in (…) lists padded to powers of two: a few statement shapes for the caches, not one per length
                .withInListPadding(true);
    }

    private ExecuteListener[] withWatcher(ExecuteListener[] listeners) {
        ExecuteListener[] all = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        all[listeners.length] = new WriteWatcher();
        return all;
    }

    /** Opens the pool; every statement is shown to each observer before it runs. */
    public static Database open(DatabaseSettings settings, java.util.List<StatementObserver> observers) {
        return open(
                settings,
                observers.stream()
                        .map(observer -> new ExecuteListener() {
                            @Override
                            public void executeStart(org.jooq.ExecuteContext ctx) {
                                observer.executing(ctx.sql());
                            }
                        })
                        .toArray(ExecuteListener[]::new));
    }

    /** Opens the pool; {@code listeners} see every statement (query logging, metrics, plan checks). */
    public static Database open(DatabaseSettings settings, ExecuteListener... listeners) {
        Vendor vendor = settings.vendor();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("bf-" + vendor.displayName());
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(1);
        pool.setInitializationFailTimeout(-1); // start even if the database is down; /ready reports it
        pool.setConnectionTimeout(3_000); // a readiness probe must answer 503, not hang, when the database is gone
        switch (vendor) {
            case SQLITE -> {
                settings.sqliteFile().ifPresent(Database::createParentFolder);
                pool.setDataSource(sqlite(settings.url()));
            }
            case POSTGRESQL -> {
                pool.setJdbcUrl(settings.url());
                settings.user().ifPresent(pool::setUsername);
                settings.password().ifPresent(pool::setPassword);
            }
        }
        ChangeFeed changes = switch (vendor) {
            case SQLITE -> ChangeFeed.local();
            case POSTGRESQL -> ChangeFeed.listening(() -> listeningConnection(settings));
        };
        return new Database(settings, new HikariDataSource(pool), changes, listeners);
    }

    /**
     * The change feed's own connection. A read that waits longer than a few seconds means the connection is
     * gone (the feed asks every half second), so the feed stops trusting it instead of hanging on a dead socket.
     */
    static Connection listeningConnection(DatabaseSettings settings) throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("ApplicationName", ChangeFeed.APPLICATION_NAME);
        return DriverManager.getConnection(settings.url(), properties);
    }

    private static void createParentFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }

    private static DataSource sqlite(String url) {
        return sqlite(url, SQLiteConfig.TransactionMode.IMMEDIATE);
    }

    private static SQLiteDataSource sqlite(String url, SQLiteConfig.TransactionMode transactions) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        // Deleted rows are overwritten with zeros, not just unlinked: a purge must not leave content in free pages.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // Take the write lock at BEGIN: a deferred transaction that reads first and then writes can fail with
        // SQLITE_BUSY without waiting, when another process holds the lock.
        config.setTransactionMode(transactions);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * Publishes the pool's own meters to {@code registry}: connections active, idle and pending, and the time to
     * acquire, use and create one ({@code hikaricp_connections_*}).
     */
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    /** Where this database is, without credentials: for messages and records naming it. */
    public String location() {
        return settings.sqliteFile()
                .map(file -> file.toAbsolutePath().normalize().toString())
                .orElseGet(() -> settings.url()
                        .replaceAll("([?&])password=[^&]*&?", "$1")
                        .replaceFirst("[?&]$", ""));
    }

    /**
     * The database as it stands now, for as long as the snapshot is open, however others write meanwhile: one
     * connection of its own (outside the pool) in one read-only transaction. On SQLite a deferred transaction,
     * which takes no lock that would stop the server's writers (WAL readers see the commits before their first
     * read); on PostgreSQL a repeatable-read one.
     */
    public Snapshot snapshot() {
        try {
            Connection connection;
            if (vendor == Vendor.SQLITE) {
                connection = sqlite(settings.url(), SQLiteConfig.TransactionMode.DEFERRED)
                        .getConnection();
                connection.setAutoCommit(false);
            } else {
                Properties properties = new Properties();
                settings.user().ifPresent(user -> properties.setProperty("user", user));
                settings.password().ifPresent(password -> properties.setProperty("password", password));
                properties.setProperty("ApplicationName", "build-factory snapshot");
                connection = DriverManager.getConnection(settings.url(), properties);
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
            }
            Snapshot snapshot = new Snapshot(connection, DSL.using(connection, vendor.dialect(), jooqSettings()));
            // the first read fixes what the transaction sees: on SQLite only one that reads the file does
            snapshot.dsl().fetch(vendor == Vendor.SQLITE ? "select count(*) from sqlite_master" : "select 1");
            return snapshot;
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("cannot open a snapshot of " + location(), e);
        }
    }

    /** See {@link #snapshot()}. Closing it ends the read transaction. */
    public record Snapshot(Connection connection, DSLContext dsl) implements AutoCloseable {
        @Override
        public void close() {
            try (connection) {
                connection.rollback();
            } catch (SQLException ignored) {
                // nothing was written; a failed rollback ends with the connection anyway
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** What SQL differs between the databases, for repositories to ask for by name. */
    public Dialect dialect() {
        return dialect;
    }

    /** What changed since a reader looked, for whoever keeps data in memory. */
    public ChangeFeed changes() {
        return changes;
    }

    /**
     * {@code topic}'s version for a reader on this thread: {@link ChangeFeed#UNKNOWN} inside a transaction, which
     * must read what it has written itself (the version moves only after the commit), else the feed's.
     */
    public long version(ChangeFeed.Topic topic) {
        return transaction.get() != null ? ChangeFeed.UNKNOWN : changes.version(topic);
    }

    /**
     * Moves {@code topic}'s version once the current transaction has committed, before its caller answers; at
     * once outside a transaction, where the statement before this call has committed already. Nothing moves for
     * a transaction that rolls back. On PostgreSQL the transaction also notifies every other server, and the
     * caller answers only once this server's own listener has heard that notification back.
     */
    public void changedAfterCommit(ChangeFeed.Topic topic) {
        Transaction current = transaction.get();
        if (current == null) {
            changes.changed(topic);
        } else {
            current.changed.add(topic);
        }
    }

    /** Sees each write as it runs and moves the topics watching its table (see {@link ChangeFeed.Topic#tables}). */
    private final class WriteWatcher implements ExecuteListener {
        @Override
        public void executeEnd(org.jooq.ExecuteContext ctx) {
            if (ctx.sql() != null) {
                wrote(ctx.sql());
            } else if (ctx.batchSQL() != null) {
                for (String sql : ctx.batchSQL()) {
                    wrote(sql);
                }
            }
        }

        private void wrote(String sql) {
            String table = WrittenTable.of(sql);
            if (table == null) {
                return;
            }
            for (ChangeFeed.Topic topic : ChangeFeed.Topic.values()) {
                if (topic.tables().contains(table)) {
                    changedAfterCommit(topic);
                }
            }
        }
    }

    /**
     * On PostgreSQL, the last statements of a transaction that changed a topic: a mark of its own on the topic's
     * channel, for {@link #transaction} to wait after the commit until every listening server has acknowledged it
     * (see {@link ChangeFeed#echo}).
     */
    private void announce(Transaction current) {
        if (vendor != Vendor.POSTGRESQL
                || !changes.live()
                || current.changed.stream().noneMatch(ChangeFeed.Topic::acknowledged)) {
            return;
        }
        // counted before the commit: a server that starts listening after this hears the notification too, and
        // one that starts after the commit read nothing from before it. A listener whose connection has been
        // quiet for twice a stall is stuck, and has trusted nothing it keeps since one stall: it is not waited for.
        int listeners = ((Number) dsl.fetchValue(
                        "select count(*) from pg_stat_activity where application_name = ?"
                                + " and datname = current_database()"
                                + " and state_change > clock_timestamp() - make_interval(secs => ?)",
                        ChangeFeed.APPLICATION_NAME,
                        2.0 * ChangeFeed.STALL.toMillis() / 1000))
                .intValue();
        for (ChangeFeed.Topic topic : current.changed) {
            if (!topic.acknowledged()) {
                continue; // its triggers notify the other servers; nobody waits for them to hear it
            }
            ChangeFeed.Echo echo = changes.echo(topic, listeners);
            current.echoes.add(echo);
            dsl.fetch("select pg_notify(?, ?)", topic.channel(), echo.mark());
        }
    }

    /** {@link #transaction(Supplier)} for work that changes {@code topic}: its version moves after the commit. */
    public <T> T transaction(ChangeFeed.Topic topic, Supplier<T> work) {
        return transaction(() -> {
            changedAfterCommit(topic);
            return work.get();
        });
    }

    /** The jOOQ context; inside {@link #transaction} its statements run on the transaction's connection. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} in a transaction, or joins the one this thread is already in, and returns once it has
     * committed (or throws, having changed nothing).
     *
     * <p>On SQLite one writer at a time commits, and each commit waits for the disk. So writers queue here
     * (none of them meets SQLITE_BUSY) and commit in groups: whoever gets the writer's turn runs every queued
     * unit of work, each in its own savepoint, commits them together with one sync, and only then answers each
     * caller. A unit that fails rolls back to its savepoint alone and its caller gets its exception; a commit
     * that fails fails every unit in it, none of which is then on disk. Units run on the leading caller's
     * thread, one after another, in the order they queued, each with its caller's logging context: they must not
     * rely on other thread-locals of their own.
     */
    public <T> T transaction(Supplier<T> work) {
        if (transaction.get() != null) {
            return work.get();
        }
        if (vendor == Vendor.SQLITE) {
            return groupCommitted(work);
        }
        Transaction current = new Transaction();
        transaction.set(current);
        try {
            T result = dsl.transactionResult(() -> {
                T done = work.get();
                announce(current);
                return done;
            });
            transaction.remove();
            commits.incrementAndGet();
            units.incrementAndGet();
            current.changed.forEach(changes::changed);
            current.echoes.forEach(ChangeFeed.Echo::await);
            return result;
        } finally {
            transaction.remove();
            current.echoes.forEach(ChangeFeed.Echo::forget);
        }
    }

    /** Units of work one SQLite commit may carry: enough to share a sync, few enough to answer promptly. */
    static final int GROUP_COMMIT_LIMIT = 64;

    private final ConcurrentLinkedQueue<Unit<?>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong units = new AtomicLong();

    /** One caller's unit of work, run by whichever caller leads the group it lands in. */
    private static final class Unit<T> {
        final Supplier<T> work;
        final Transaction transaction = new Transaction();
        /** The caller's logging context (correlation id), for what the unit logs on the leader's thread. */
        final java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();

        T result;
        Throwable failure;
        /** Written and read under the writer's lock. */
        boolean done;

        Unit(Supplier<T> work) {
            this.work = work;
        }
    }

    private <T> T groupCommitted(Supplier<T> work) {
        Unit<T> unit = new Unit<>(work);
        queued.add(unit);
        sqliteWriter.lock();
        try {
            while (!unit.done) {
                commitGroup();
            }
        } finally {
            sqliteWriter.unlock();
        }
        if (unit.failure instanceof RuntimeException e) {
            throw e;
        }
        if (unit.failure instanceof Error e) {
            throw e;
        }
        if (unit.failure != null) {
            throw new IllegalStateException(unit.failure);
        }
        return unit.result;
    }

    /** Runs what is queued (up to the limit) in one transaction; called holding the writer's lock. */
    private void commitGroup() {
        List<Unit<?>> group = new ArrayList<>();
        for (Unit<?> next; group.size() < GROUP_COMMIT_LIMIT && (next = queued.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            if (group.size() == 1) {
                run(group.getFirst(), false); // alone: its transaction is its own, no savepoint needed
                return;
            }
            dsl.transaction(() -> {
                for (Unit<?> u : group) {
                    run(u, true);
                }
            });
            commits.incrementAndGet();
            for (Unit<?> u : group) {
                if (u.failure == null) {
                    units.incrementAndGet();
                    u.transaction.changed.forEach(changes::changed);
                }
            }
        } catch (Throwable commitFailed) {
            for (Unit<?> u : group) {
                if (u.failure == null) {
                    u.failure = commitFailed; // rolled back with the rest: none of it is on disk
                }
            }
        } finally {
            for (Unit<?> u : group) {
                u.done = true;
            }
        }
    }

    /** Runs one unit on this thread, in a savepoint of the group's transaction or as a transaction of its own. */
    private <T> void run(Unit<T> unit, boolean inSavepoint) {
        transaction.set(unit.transaction);
        java.util.Map<String, String> leaders = org.slf4j.MDC.getCopyOfContextMap();
        setLogContext(unit.logContext);
        try {
            if (inSavepoint) {
                unit.result = dsl.transactionResult(() -> unit.work.get()); // nested: a savepoint
            } else {
                unit.result = dsl.transactionResult(() -> unit.work.get());
                commits.incrementAndGet();
                units.incrementAndGet();
                unit.transaction.changed.forEach(changes::changed);
            }
        } catch (Throwable t) {
            unit.failure = t;
        } finally {
            transaction.remove();
            setLogContext(leaders);
        }
    }

    private static void setLogContext(java.util.Map<String, String> context) {
        if (context == null) {
            org.slf4j.MDC.clear();
        } else {
            org.slf4j.MDC.setContextMap(context);
        }
    }

    /** Transactions committed so far, and the units of work they carried: more units than commits is grouping. */
    public long commits() {
        return commits.get();
    }

    public long unitsCommitted() {
        return units.get();
    }

    /** Units of work waiting for the writer's turn (SQLite). */
    int queuedUnits() {
        return queued.size();
    }

    @Override
    public void close() {
        changes.close();
        pool.close();
    }
}
