package io.buildfactory.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.out.AuditRepository;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.conversations.port.out.RetentionPolicyRepository;
import io.buildfactory.application.identity.port.out.ApiTokenRepository;
import io.buildfactory.application.identity.port.out.LoginThrottleRepository;
import io.buildfactory.application.identity.port.out.Principals;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.application.orchestration.port.out.MemoryRepository;
import io.buildfactory.application.orchestration.port.out.RetrievalLog;
import io.buildfactory.application.orchestration.port.out.ReviewRepository;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.application.planning.port.out.CardRepository;
import io.buildfactory.application.planning.port.out.ContextArtifactRepository;
import io.buildfactory.application.planning.port.out.PlanningLog;
import io.buildfactory.application.planning.port.out.PolicyProfileRepository;
import io.buildfactory.application.planning.port.out.WorkflowRepository;
import io.buildfactory.application.projects.port.out.ProjectMembers;
import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.GitMirrors;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.repositories.port.out.MirrorRepository;
import io.buildfactory.application.repositories.port.out.ObjectCatalogue;
import io.buildfactory.application.repositories.port.out.RelationshipRepository;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.StorageScrubber;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.system.port.out.DatabaseStatus;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.application.workitems.port.out.AppliedActions;
import io.buildfactory.application.workitems.port.out.DeliverySignals;
import io.buildfactory.application.workitems.port.out.ProjectPolicies;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.application.workitems.port.out.WorkItemHistory;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseScrubber;
import io.buildfactory.persistence.JooqChangeVersions;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.conversations.JooqConversationRepository;
import io.buildfactory.persistence.conversations.JooqExchangeRepository;
import io.buildfactory.persistence.conversations.JooqRetentionPolicyRepository;
import io.buildfactory.persistence.git.JGitMirrors;
import io.buildfactory.persistence.identity.JooqApiTokenRepository;
import io.buildfactory.persistence.identity.JooqLoginThrottleRepository;
import io.buildfactory.persistence.identity.JooqPrincipals;
import io.buildfactory.persistence.identity.JooqRoleRepository;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.jobs.JooqJobRepository;
import io.buildfactory.persistence.orchestration.JooqDeliverySignals;
import io.buildfactory.persistence.orchestration.JooqExecutionRepository;
import io.buildfactory.persistence.orchestration.JooqMemoryRepository;
import io.buildfactory.persistence.orchestration.JooqRetrievalLog;
import io.buildfactory.persistence.orchestration.JooqReviewRepository;
import io.buildfactory.persistence.orchestration.JooqRunRepository;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqContextArtifactRepository;
import io.buildfactory.persistence.planning.JooqPlanningLog;
import io.buildfactory.persistence.planning.JooqPolicyProfileRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectMembers;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.repositories.JooqCodeRepositories;
import io.buildfactory.persistence.repositories.JooqLeaseRepository;
import io.buildfactory.persistence.repositories.JooqMirrorRepository;
import io.buildfactory.persistence.repositories.JooqObjectCatalogue;
import io.buildfactory.persistence.repositories.JooqRelationshipRepository;
import io.buildfactory.persistence.system.SchemaStatus;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.workitems.JooqAppliedActions;
import io.buildfactory.persistence.workitems.JooqProjectPolicies;
import io.buildfactory.persistence.workitems.JooqWorkItemCardLinks;
import io.buildfactory.persistence.workitems.JooqWorkItemHistory;
import io.buildfactory.persistence.workitems.JooqWorkItemRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Each outbound port bound to its one jOOQ implementation; the database URL picks the vendor. */
@Module
interface PersistenceModule {

    @Provides
    @Singleton
    static Database database(AppConfig config, StatementObservers observers) {
        return Database.open(config.database(), observers.observers());
    }

    @Provides
    @Singleton
    static Migrations migrations(Database database) {
        return Migrations.of(database);
    }

    @Provides
    @Singleton
    static DatabaseStatus databaseStatus(Database database, Migrations migrations) {
        return new SchemaStatus(database, migrations::available);
    }

    @Provides
    @Singleton
    static TransactionRunner transactions(Database database) {
        return new JooqTransactionRunner(database);
    }

    @Provides
    @Singleton
    static UserRepository users(Database database) {
        return new JooqUserRepository(database);
    }

    @Provides
    @Singleton
    static RoleRepository roles(Database database, Clock clock) {
        return new JooqRoleRepository(database, clock);
    }

    @Provides
    @Singleton
    static ApiTokenRepository apiTokens(Database database) {
        return new JooqApiTokenRepository(database);
    }

    @Provides
    @Singleton
    static LoginThrottleRepository loginThrottles(Database database, Clock clock) {
        return new JooqLoginThrottleRepository(database, clock);
    }

    @Provides
    @Singleton
    static SessionRepository sessions(Database database) {
        return new JooqSessionRepository(database);
    }

    @Provides
    @Singleton
    static ConversationRepository conversations(Database database) {
        return new JooqConversationRepository(database);
    }

    @Provides
    @Singleton
    static ExchangeRepository exchanges(Database database) {
        return new JooqExchangeRepository(database);
    }

    @Provides
    @Singleton
    static AuditRepository audit(Database database, Clock clock) {
        return new JooqAuditRepository(database, clock);
    }

    @Provides
    @Singleton
    static TelemetryRepository telemetry(Database database, Clock clock, IdGenerator ids) {
        return new JooqTelemetryRepository(database, clock, ids);
    }

    @Provides
    @Singleton
    static RetentionPolicyRepository retentionPolicies(Database database) {
        return new JooqRetentionPolicyRepository(database);
    }

    @Provides
    @Singleton
    static StorageScrubber scrubber(Database database) {
        return new DatabaseScrubber(database);
    }

    @Provides
    @Singleton
    static JobRepository jobs(Database database) {
        return new JooqJobRepository(database);
    }

    @Provides
    @Singleton
    static WorkItemRepository workItems(Database database) {
        return new JooqWorkItemRepository(database);
    }

    @Provides
    @Singleton
    static WorkItemHistory workItemHistory(Database database, IdGenerator ids) {
        return new JooqWorkItemHistory(database, ids);
    }

    @Provides
    @Singleton
    static ProjectPolicies projectPolicies(Database database) {
        return new JooqProjectPolicies(database);
    }

    @Provides
    @Singleton
    static AppliedActions appliedActions(Database database) {
        return new JooqAppliedActions(database);
    }

    @Provides
    @Singleton
    static ProjectRepository projects(Database database) {
        return new JooqProjectRepository(database);
    }

    @Provides
    @Singleton
    static ProjectMembers projectMembers(Database database) {
        return new JooqProjectMembers(database);
    }

    @Provides
    @Singleton
    static WorkflowRepository workflows(Database database) {
        return new JooqWorkflowRepository(database);
    }

    @Provides
    @Singleton
    static CardRepository cards(Database database) {
        return new JooqCardRepository(database);
    }

    @Provides
    @Singleton
    static ContextArtifactRepository artifacts(Database database) {
        return new JooqContextArtifactRepository(database);
    }

    @Provides
    @Singleton
    static PolicyProfileRepository policyProfiles(Database database) {
        return new JooqPolicyProfileRepository(database);
    }

    @Provides
    @Singleton
    static PlanningLog planningLog(Database database) {
        return new JooqPlanningLog(database);
    }

    @Provides
    @Singleton
    static WorkItemCardLinks workItemCardLinks(Database database) {
        return new JooqWorkItemCardLinks(database);
    }

    @Provides
    @Singleton
    static DeliverySignals deliverySignals(Database database) {
        return new JooqDeliverySignals(database);
    }

    @Provides
    @Singleton
    static RunRepository runs(Database database) {
        return new JooqRunRepository(database);
    }

    @Provides
    @Singleton
    static Principals principals(Database database) {
        return new JooqPrincipals(database);
    }

    @Provides
    @Singleton
    static ChangeVersions changeVersions(Database database) {
        return new JooqChangeVersions(database);
    }

    @Provides
    @Singleton
    static CodeRepositories codeRepositories(Database database) {
        return new JooqCodeRepositories(database);
    }

    @Provides
    @Singleton
    static LeaseRepository leases(Database database) {
        return new JooqLeaseRepository(database);
    }

    @Provides
    @Singleton
    static ObjectCatalogue objects(Database database) {
        return new JooqObjectCatalogue(database);
    }

    @Provides
    @Singleton
    static RelationshipRepository relationships(Database database) {
        return new JooqRelationshipRepository(database);
    }

    @Provides
    @Singleton
    static MirrorRepository mirrors(Database database) {
        return new JooqMirrorRepository(database);
    }

    /**
     * The server's git copies for mirrors, under {@code BF_GIT_ROOT}; each network step times out in 2 minutes.
     * Remotes on internal addresses, like file:// ones, only where {@code BF_MIRROR_LOCAL_REMOTES} allows.
     */
    @Provides
    @Singleton
    static GitMirrors git(AppConfig config) {
        return new JGitMirrors(config.gitRoot(), Duration.ofMinutes(2), config.mirrorLocalRemotes());
    }

    @Provides
    @Singleton
    static MemoryRepository memory(Database database) {
        return new JooqMemoryRepository(database);
    }

    @Provides
    @Singleton
    static RetrievalLog retrievals(Database database) {
        return new JooqRetrievalLog(database);
    }

    @Provides
    @Singleton
    static ExecutionRepository executions(Database database) {
        return new JooqExecutionRepository(database);
    }

    @Provides
    @Singleton
    static ReviewRepository reviews(Database database) {
        return new JooqReviewRepository(database);
    }
}
