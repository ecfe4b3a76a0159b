package io.buildfactory.application.identity.port.in;

/** Changes the actor's own password and ends their other sessions. */
public interface ChangePasswordUseCase {

    void changePassword(Actor actor, String currentPassword, String newPassword);
}
