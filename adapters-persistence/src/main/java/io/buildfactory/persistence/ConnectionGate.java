package io.buildfactory.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lets at most as many threads hold or wait for a pooled connection as the pool has connections; the others park
 * here, first come first served, until one is returned. HikariCP hands a returned connection to a waiting borrower
 * by spinning on {@code Thread.yield} until the borrower takes it ({@code ConcurrentBag.requite}, HikariCP issues
 * #835 and #2398): with more request threads than connections, most of the CPU went to that spin. Behind this gate
 * no borrower ever waits inside the pool, since a permit is released only once its connection is back in it.
 */
final class ConnectionGate implements DataSource {

    private final DataSource pool;
    private final Semaphore permits;
    private final long timeoutMillis;

    ConnectionGate(DataSource pool, int connections, long timeoutMillis) {
        this.pool = pool;
        this.permits = new Semaphore(connections, true);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (Thread.currentThread().isInterrupted()) {
            // as the pool does: an interrupted thread still gets a free connection, it only may not wait for one
            if (!permits.tryAcquire()) {
                throw new SQLTransientConnectionException("interrupted, and no database connection is free");
            }
            return borrow();
        }
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException(
                        "no database connection came free within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection", e);
        }
        return borrow();
    }

    /** With a permit taken: the pool's connection, or the permit back when the pool has none to give. */
    private Connection borrow() throws SQLException {
        try {
            return returningPermit(pool.getConnection());
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** The connection, whose first {@code close()} returns it to the pool and then its permit to the gate. */
    private Connection returningPermit(Connection connection) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        // the proxy is its own identity: it must equal itself, not the connection it wraps
                        case "equals" -> {
                            if (method.getParameterCount() == 1) {
                                return proxy == args[0];
                            }
                        }
                        case "hashCode" -> {
                            if (method.getParameterCount() == 0) {
                                return System.identityHashCode(proxy);
                            }
                        }
                        case "toString" -> {
                            if (method.getParameterCount() == 0) {
                                return "gated " + connection;
                            }
                        }
                        default -> {}
                    }
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            if (returned.compareAndSet(false, true)) {
                                permits.release();
                            }
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all use the configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
