package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;

/** Ends the session the actor is using. */
public interface LogOutUseCase {

    void logOut(Actor actor);
}
