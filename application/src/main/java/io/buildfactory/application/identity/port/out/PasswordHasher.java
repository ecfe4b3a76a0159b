package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.PasswordHash;
import java.util.Optional;

/** Hashes and checks passwords with a slow, salted, memory-hard function. Bounds how many run at once. */
public interface PasswordHasher {

    PasswordHash hash(String password);

    /**
     * Whether {@code password} matches {@code hash}. With no hash (unknown user) it does the same work against a
     * dummy hash and answers false, so that the time taken does not tell whether an account exists.
     */
    boolean verify(String password, Optional<PasswordHash> hash);
}
