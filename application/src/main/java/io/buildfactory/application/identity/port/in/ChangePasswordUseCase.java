package io.buildfactory.application.identity.port.in;

import io.buildfactory.application.shared.port.in.Actor;

/** Changes the actor's own password and ends their other sessions. */
public interface ChangePasswordUseCase {

    void changePassword(Actor actor, String currentPassword, String newPassword);
}
