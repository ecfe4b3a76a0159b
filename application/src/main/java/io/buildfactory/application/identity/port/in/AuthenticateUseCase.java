package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;

/** A bearer token (session or API token) to the actor behind it, with their current permissions. */
public interface AuthenticateUseCase {

    Actor authenticate(String token, RequestContext request);
}
