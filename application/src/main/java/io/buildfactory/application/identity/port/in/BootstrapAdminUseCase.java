package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.User;
import java.util.Optional;

/** Creates the first administrator from the command line or environment, before any actor exists. */
public interface BootstrapAdminUseCase {

    /**
     * @param onlyIfEmpty do nothing unless the database has no user at all (the environment-variable path)
     * @return the new administrator, or empty when {@code onlyIfEmpty} found users already
     */
    Optional<User> createAdmin(
            String email, String password, RoleName role, boolean onlyIfEmpty, RequestContext request);
}
