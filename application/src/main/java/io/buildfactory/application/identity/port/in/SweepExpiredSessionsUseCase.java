package io.buildfactory.application.identity.port.in;

/** Ends sessions past their deadlines, recording each expiry; bounded per run. */
public interface SweepExpiredSessionsUseCase {

    /** @return how many sessions were ended */
    int sweep(int limit);
}
