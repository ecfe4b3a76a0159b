package io.buildfactory.application.repositories;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.in.KeepObjectsUseCase;
import io.buildfactory.application.repositories.port.in.RelateRepositoriesUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.repositories.port.out.ObjectCatalogue;
import io.buildfactory.application.repositories.port.out.RelationshipRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What is written under a repository's lease besides its settings: object metadata and relationships. */
public final class RepositoryContentService implements KeepObjectsUseCase, RelateRepositoriesUseCase {

    private final RepositoryAccess access;
    private final ObjectCatalogue objects;
    private final RelationshipRepository relationships;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final Clock clock;
    private final LeaseFence fence;

    public RepositoryContentService(
            ProjectAccess access,
            CodeRepositories repositories,
            LeaseRepository leases,
            ObjectCatalogue objects,
            RelationshipRepository relationships,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            Clock clock) {
        this.access = new RepositoryAccess(access, repositories);
        this.objects = objects;
        this.relationships = relationships;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.clock = clock;
        this.fence = new LeaseFence(leases, audit);
    }

    private Instant now() {
        return Timestamps.stored(clock.instant());
    }

    // ---- objects ----

    @Override
    public Written put(Actor actor, RepositoryId id, FencingToken token, NewObject request) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        ObjectMetadata object = new ObjectMetadata(
                id,
                request.oid(),
                request.size(),
                request.contentType(),
                request.storageKey(),
                token,
                actor.userId(),
                now());
        LeaseFence.Outcome<Written> outcome = transactions.inTransaction(() ->
                fence.underLease(actor, id, token, AuditAction.OBJECT_PUT, this::now, () -> {
                    var known = objects.find(id, object.oid());
                    if (known.isPresent()) {
                        if (!known.get().sameAs(object)) {
                            throw ConflictException.duplicate("object with other metadata", "oid");
                        }
                        return new Written(known.get(), false);
                    }
                    objects.insert(object);
                    audit.success(
                            actor,
                            AuditAction.OBJECT_PUT,
                            AuditTarget.repository(id),
                            Map.of("oid", object.oid().toString(), "token", token.toString()));
                    return new Written(object, true);
                }));
        Written written = outcome.orThrow(refusal -> refused(actor, key, refusal));
        if (written.created()) {
            telemetry.emit(ServerEvent.OBJECT_STORED, actor, Map.of("project", key.value()));
        }
        return written;
    }

    @Override
    public ObjectMetadata object(Actor actor, RepositoryId id, ObjectId oid) {
        access.require(actor, id, Permissions.REPOSITORY_READ);
        return objects.find(id, oid).orElseThrow(() -> new NotFoundException("object", oid));
    }

    @Override
    public Page<ObjectMetadata> objects(Actor actor, RepositoryId id, PageRequest page) {
        access.require(actor, id, Permissions.REPOSITORY_READ);
        return objects.list(id, page);
    }

    // ---- relationships ----

    @Override
    public Relationship relate(
            Actor actor, RepositoryId source, FencingToken token, RelationKind kind, RepositoryId target) {
        ProjectKey key =
                access.require(actor, source, Permissions.REPOSITORY_WRITE).key();
        Relationship relationship = new Relationship(source, kind, target, token, actor.userId(), now());
        LeaseFence.Outcome<Relationship> outcome = transactions.inTransaction(() ->
                fence.underLease(actor, source, token, AuditAction.RELATIONSHIP_ADD, this::now, () -> {
                    readableTarget(
                            actor, target); // in the write's transaction; the foreign key catches a later removal
                    if (kind == RelationKind.DEPENDS_ON) {
                        relationships.lockDependencies();
                        if (Relationship.closesCycle(source, target, relationships::dependenciesOf)) {
                            throw new RuleViolationException(
                                    "dependency-cycle",
                                    target + " already depends on " + source + ", directly or through others");
                        }
                    }
                    relationships.insert(relationship);
                    audit.success(
                            actor,
                            AuditAction.RELATIONSHIP_ADD,
                            AuditTarget.repository(source),
                            Map.of("kind", kind.code(), "target", target.toString(), "token", token.toString()));
                    return relationship;
                }));
        Relationship made = outcome.orThrow(refusal -> refused(actor, key, refusal));
        telemetry.emit(
                ServerEvent.RELATIONSHIP_CHANGED,
                actor,
                Map.of("project", key.value(), "kind", kind.code(), "change", "added"));
        return made;
    }

    @Override
    public void unrelate(Actor actor, RepositoryId source, FencingToken token, RelationKind kind, RepositoryId target) {
        ProjectKey key =
                access.require(actor, source, Permissions.REPOSITORY_WRITE).key();
        LeaseFence.Outcome<Boolean> outcome = transactions.inTransaction(() ->
                fence.underLease(actor, source, token, AuditAction.RELATIONSHIP_REMOVE, this::now, () -> {
                    if (!relationships.delete(source, kind, target)) {
                        throw new NotFoundException("relationship", kind.code() + " " + target);
                    }
                    audit.success(
                            actor,
                            AuditAction.RELATIONSHIP_REMOVE,
                            AuditTarget.repository(source),
                            Map.of("kind", kind.code(), "target", target.toString(), "token", token.toString()));
                    return true;
                }));
        outcome.orThrow(refusal -> refused(actor, key, refusal));
        telemetry.emit(
                ServerEvent.RELATIONSHIP_CHANGED,
                actor,
                Map.of("project", key.value(), "kind", kind.code(), "change", "removed"));
    }

    @Override
    public List<Relationship> relationships(Actor actor, RepositoryId id) {
        access.require(actor, id, Permissions.REPOSITORY_READ);
        return relationships.of(id).stream()
                .filter(r -> access.readable(actor, r.source().equals(id) ? r.target() : r.source()))
                .toList();
    }

    private void readableTarget(Actor actor, RepositoryId target) {
        if (!access.readable(actor, target)) {
            throw new InvalidInputException("targetId", "names no repository you can see");
        }
    }

    private void refused(Actor actor, ProjectKey key, RuleViolationException refusal) {
        telemetry.emit(ServerEvent.LEASE_REFUSED, actor, Map.of("project", key.value(), "rule", refusal.rule()));
    }
}
