package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens for agents: issued (the secret shown once), listed, revoked. */
public interface ManageApiTokensUseCase {

    IssuedToken issue(Actor actor, UserId agent, String name, Optional<Instant> expiresAt);

    List<ApiToken> tokens(Actor actor, UserId agent);

    void revoke(Actor actor, UserId agent, ApiTokenId token);

    record IssuedToken(String secret, ApiToken token) {
        @Override
        public String toString() {
            return "IssuedToken[secret=***, token=" + token.id() + "]";
        }
    }
}
