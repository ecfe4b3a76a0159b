package io.buildfactory.application.conversations.port.in;

/**
 * Purges the conversations retention or their owners' deletion have made due, at most {@code limit} in one run.
 * Running again changes nothing until more become due.
 */
public interface EnforceRetentionUseCase {

    record Run(int examined, int purged, long exchangesPurged, boolean more) {}

    Run enforce(int limit);
}
