/**
 * Outbound adapters that protect data at rest without a database of their own: the content sealer (AES-256-GCM)
 * and the password hasher (Argon2id). They live with persistence because what they protect is what persistence
 * stores; the application sees only the {@code ContentSealer} and {@code PasswordHasher} ports.
 */
package io.buildfactory.persistence.crypto;
