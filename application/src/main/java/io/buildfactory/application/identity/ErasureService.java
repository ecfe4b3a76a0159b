package io.buildfactory.application.identity;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.ForgetUserUseCase;
import io.buildfactory.application.identity.port.in.EraseUserUseCase;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.StorageScrubber;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.NotFoundException;
import java.util.Map;
import java.util.Optional;

/** Erases a user in one transaction: their conversations first, then the account with all that hangs on it. */
public final class ErasureService implements EraseUserUseCase {

    private final UserRepository users;
    private final LastAdministrator lastAdministrator;
    private final ForgetUserUseCase conversations;
    private final StorageScrubber scrubber;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;

    public ErasureService(
            UserRepository users,
            RoleRepository roles,
            ForgetUserUseCase conversations,
            StorageScrubber scrubber,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry) {
        this.users = users;
        this.lastAdministrator = new LastAdministrator(roles, users);
        this.conversations = conversations;
        this.scrubber = scrubber;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
    }

    @Override
    public Erasure erase(Actor actor, UserId user) {
        if (!actor.is(user)) {
            if (!actor.holds(Permissions.USER_READ)) {
                throw new NotFoundException("user", user); // those who may not see a user do not learn it exists
            }
            actor.require(Permissions.USER_MANAGE);
        }
        Erasure erasure = transactions.inTransaction(() -> {
            users.findById(user).orElseThrow(() -> new NotFoundException("user", user));
            lastAdministrator.refuseLosing(user, "the last administrator cannot be erased");
            ForgetUserUseCase.Forgotten forgotten = conversations.forget(user, AuditActor.of(actor), actor.request());
            users.delete(user);
            audit.success(
                    actor,
                    AuditAction.USER_ERASE,
                    AuditTarget.user(user),
                    Map.of(
                            "conversations",
                            Integer.toString(forgotten.conversations()),
                            "exchanges",
                            Long.toString(forgotten.exchanges())));
            return new Erasure(user, forgotten.conversations(), forgotten.exchanges());
        });
        scrubber.scrub();
        telemetry.emit(
                ServerEvent.USER_ERASED,
                Optional.empty(),
                Optional.empty(),
                actor.request(),
                Map.of("conversations", erasure.conversationsPurged(), "exchanges", erasure.exchangesPurged()));
        return erasure;
    }
}
