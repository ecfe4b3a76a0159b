package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.UserId;

/**
 * Part of a user's erasure: purges every conversation they own. Refuses, changing nothing, while any of them is
 * under legal hold. Their exchanges in others' conversations lose their author when the user is deleted.
 */
public interface ForgetUserUseCase {

    record Forgotten(int conversations, long exchanges) {}

    /** Run inside the erasure's transaction. */
    Forgotten forget(UserId user, AuditActor actor, RequestContext request);
}
