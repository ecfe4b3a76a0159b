package io.buildfactory.http.shared;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request has not reached the handlers within the deadline: a client trickling
 * its headers a byte at a time (slowloris) resets the idle timeout with every byte and would otherwise keep its
 * connection for as long as it likes. Jetty parses headers without holding a thread, so such a client costs a
 * socket, not a worker; this bounds the socket too. A request reaches the handlers only once its headers are
 * complete, so a connection seen here has sent a whole request; what it does afterwards the idle timeout and
 * the minimum request data rate govern.
 */
public final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener {

    private final Duration deadline;
    private final Set<Connection> served = ConcurrentHashMap.newKeySet();
    private volatile Scheduler scheduler;

    public HeaderDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    /** The connector's scheduler, once the connector exists. */
    public void scheduleWith(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(
                () -> {
                    if (!served.remove(connection)) {
                        connection.getEndPoint().close();
                    }
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
        served.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (connection.getEndPoint().isOpen()) {
            served.add(connection);
        }
        return super.handle(request, response, callback);
    }
}
