package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;

/** Ends every session of the actor, the current one included. */
public interface LogOutEverywhereUseCase {

    int logOutEverywhere(Actor actor);
}
