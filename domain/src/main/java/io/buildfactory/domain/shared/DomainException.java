package io.buildfactory.domain.shared;

/** The root of every refusal the domain and the use cases raise; adapters map each kind to a response. */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException,
                NotFoundException,
                ConflictException,
                RuleViolationException,
                UnauthenticatedException,
                ForbiddenException,
                TooManyAttemptsException,
                OverloadedException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
