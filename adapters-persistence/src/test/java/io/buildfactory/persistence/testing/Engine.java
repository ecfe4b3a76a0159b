package io.buildfactory.persistence.testing;

/** The databases every outbound-port test runs against. */
public enum Engine {
    SQLITE,
    POSTGRESQL
}
