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

    private Database(Vendor vendor, HikariDataSource pool, ChangeFeed changes, ExecuteListener... listeners) {
        this.vendor = vendor;
        this.pool = pool;
        this.changes = changes;
        this.dataSource = new ConnectionGate(pool, pool.getMaximumPoolSize(), pool.getConnectionTimeout());
        Settings settings = new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                // key in (…) lists padded to powers of two: a few statement shapes for the caches, not one per length
                .withInListPadding(true);
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(vendor.dialect())
                .set(settings)
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)))
                .set(listeners));
        this.dialect = new Dialect(vendor, dsl);
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
        return new Database(vendor, new HikariDataSource(pool), changes, listeners);
    }

    /**
     * The change feed's own connection. A read that waits longer than a few seconds means the connection is
     * gone (the feed asks every half second), so the feed stops trusting it instead of hanging on a dead socket.
     */
    private static Connection listeningConnection(DatabaseSettings settings) throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("ApplicationName", "build-factory change feed");
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
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        // Deleted rows are overwritten with zeros, not just unlinked: a purge must not leave content in free pages.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // Take the write lock at BEGIN: a deferred transaction that reads first and then writes can fail with
        // SQLITE_BUSY without waiting, when another process holds the lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
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
     * Moves {@code topic}'s version once the current transaction has committed, before its caller answers; at
     * once outside a transaction, where the statement before this call has committed already. Nothing moves for
     * a transaction that rolls back. On PostgreSQL the transaction also notifies every other server, and the
     * caller answers only once this server's own listener has heard that notification back.
     */
    public void changedAfterCommit(ChangeFeed.Topic topic) {
        Transaction current = transaction.get();
        if (current == null) {
            changes.changed(topic);
            return;
        }
        if (!current.changed.add(topic)) {
            return; // once per topic per transaction
        }
        if (vendor == Vendor.POSTGRESQL && changes.live()) {
            ChangeFeed.Echo echo = changes.echo(topic);
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
     * Runs {@code work} in a transaction, or joins the one this thread is already in. On SQLite, writers take
     * turns in this process so that none of them sees SQLITE_BUSY.
     */
    public <T> T transaction(Supplier<T> work) {
        if (transaction.get() != null) {
            return work.get();
        }
        boolean serialise = vendor == Vendor.SQLITE;
        if (serialise) {
            sqliteWriter.lock();
        }
        Transaction current = new Transaction();
        transaction.set(current);
        try {
            T result = dsl.transactionResult(work::get);
            transaction.remove();
            if (serialise) {
                sqliteWriter.unlock();
                serialise = false;
            }
            current.changed.forEach(changes::changed);
            current.echoes.forEach(ChangeFeed.Echo::await);
            return result;
        } finally {
            transaction.remove();
            current.echoes.forEach(ChangeFeed.Echo::forget);
            if (serialise) {
                sqliteWriter.unlock();
            }
        }
    }

    @Override
    public void close() {
        changes.close();
        pool.close();
    }
}
