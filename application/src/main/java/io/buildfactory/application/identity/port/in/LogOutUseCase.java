package io.buildfactory.application.identity.port.in;

/** Ends the session the actor is using. */
public interface LogOutUseCase {

    void logOut(Actor actor);
}
