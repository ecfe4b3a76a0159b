package io.buildfactory.application.identity.port.in;

/** Ends every session of the actor, the current one included. */
public interface LogOutEverywhereUseCase {

    int logOutEverywhere(Actor actor);
}
