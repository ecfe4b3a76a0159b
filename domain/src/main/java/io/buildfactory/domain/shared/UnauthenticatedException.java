package io.buildfactory.domain.shared;

/** No valid credentials: no token, an unknown one, or one that expired or was revoked. Deliberately vague. */
public final class UnauthenticatedException extends DomainException {

    public UnauthenticatedException() {
        this("authentication required: the session or token is missing, expired or revoked");
    }

    public UnauthenticatedException(String message) {
        super(message);
    }
}
