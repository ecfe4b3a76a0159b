package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.User;

/** Email and password in, a new session and its token (shown once) out. */
public interface LogInUseCase {

    Login logIn(Credentials credentials, RequestContext request);

    record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[email=" + email + ", password=***]";
        }
    }

    record Login(String token, Session session, User user) {
        @Override
        public String toString() {
            return "Login[token=***, session=" + session.id() + ", user=" + user.id() + "]";
        }
    }
}
