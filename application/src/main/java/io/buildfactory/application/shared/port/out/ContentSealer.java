package io.buildfactory.application.shared.port.out;

import java.util.Optional;

/**
 * Seals sensitive values so that only a holder of the configured key can read them again. A sealed value is bound
 * to its {@code context} (the exchange or memory unit it belongs to): moved elsewhere, it does not open.
 */
public interface ContentSealer {

    /** Without a key (redact mode): nothing is ever sealed, so nothing opens. */
    ContentSealer NONE = new ContentSealer() {
        @Override
        public String seal(String value, String context) {
            throw new IllegalStateException("sealing needs a content key");
        }

        @Override
        public Optional<String> open(String token, String context) {
            return Optional.empty();
        }
    };

    /** @return an opaque URL-safe base64 token */
    String seal(String value, String context);

    /** @return the value, or empty when the token does not open under this key and context */
    Optional<String> open(String token, String context);
}
