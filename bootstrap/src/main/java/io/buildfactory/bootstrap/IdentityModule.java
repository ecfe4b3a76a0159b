package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.AuditService;
import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.audit.port.in.QueryAuditEventsUseCase;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase;
import io.buildfactory.application.audit.port.out.AuditRepository;
import io.buildfactory.application.identity.AuthenticationService;
import io.buildfactory.application.identity.RoleAdministration;
import io.buildfactory.application.identity.UserAdministration;
import io.buildfactory.application.identity.port.in.AssignRoleUseCase;
import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.application.identity.port.in.BootstrapAdminUseCase;
import io.buildfactory.application.identity.port.in.ChangePasswordUseCase;
import io.buildfactory.application.identity.port.in.ChangeRolePermissionsUseCase;
import io.buildfactory.application.identity.port.in.CreateRoleUseCase;
import io.buildfactory.application.identity.port.in.CreateUserUseCase;
import io.buildfactory.application.identity.port.in.DescribeSessionUseCase;
import io.buildfactory.application.identity.port.in.GetUserUseCase;
import io.buildfactory.application.identity.port.in.ListRolesUseCase;
import io.buildfactory.application.identity.port.in.ListUsersUseCase;
import io.buildfactory.application.identity.port.in.LogInUseCase;
import io.buildfactory.application.identity.port.in.LogOutEverywhereUseCase;
import io.buildfactory.application.identity.port.in.LogOutUseCase;
import io.buildfactory.application.identity.port.in.ManageApiTokensUseCase;
import io.buildfactory.application.identity.port.in.ManageIdentityLinksUseCase;
import io.buildfactory.application.identity.port.in.SweepExpiredSessionsUseCase;
import io.buildfactory.application.identity.port.in.UpdateUserUseCase;
import io.buildfactory.application.identity.port.out.ApiTokenRepository;
import io.buildfactory.application.identity.port.out.LoginThrottleRepository;
import io.buildfactory.application.identity.port.out.PasswordHasher;
import io.buildfactory.application.identity.port.out.Principals;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.TelemetryService;
import io.buildfactory.application.telemetry.port.in.IngestTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.PruneTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.QueryTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.telemetry.port.out.TelemetryEmitter;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.crypto.Argon2PasswordHasher;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Identity and access, the audit log and telemetry: services built from their ports, bound to their use cases. */
@Module
interface IdentityModule {

    @Provides
    @Singleton
    static RandomGenerator secrets() {
        return new SecureRandom();
    }

    @Provides
    @Singleton
    static PasswordHasher passwordHasher(AppConfig config) {
        return new Argon2PasswordHasher(config.passwordHashConcurrency(), Duration.ofSeconds(5));
    }

    @Provides
    @Singleton
    static AuditTrail auditTrail(
            AuditRepository repository,
            TransactionRunner transactions,
            IdGenerator ids,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        return Meters.counted(new HashChainedAuditTrail(repository, transactions, ids, clock), meters);
    }

    @Provides
    @Singleton
    static BufferedTelemetrySink telemetrySink(TelemetryRepository repository, Clock clock, AppConfig config) {
        return new BufferedTelemetrySink(
                repository,
                clock,
                BufferedTelemetrySink.Settings.DEFAULT.withCapacities(
                        config.telemetryQueueCapacity(), config.telemetryClientQueueCapacity()));
    }

    @Binds
    TelemetryEmitter telemetryEmitter(BufferedTelemetrySink sink);

    @Provides
    @Singleton
    static TelemetryService telemetryService(
            BufferedTelemetrySink sink,
            TelemetryRepository repository,
            IdGenerator ids,
            Clock clock,
            AppConfig config) {
        return new TelemetryService(sink, repository, ids, clock, config.telemetryRetention());
    }

    @Binds
    IngestTelemetryUseCase ingestTelemetry(TelemetryService service);

    @Binds
    QueryTelemetryUseCase queryTelemetry(TelemetryService service);

    @Binds
    PruneTelemetryUseCase pruneTelemetry(TelemetryService service);

    @Provides
    @Singleton
    static AuditService auditService(AuditRepository repository) {
        return new AuditService(repository);
    }

    @Binds
    VerifyAuditChainUseCase verifyAudit(AuditService service);

    @Binds
    QueryAuditEventsUseCase queryAudit(AuditService service);

    @Provides
    @Singleton
    static Telemetry telemetry(
            TelemetryEmitter emitter,
            IdGenerator ids,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        return Meters.counted(new TelemetryEnvelopes(emitter, ids, clock), meters);
    }

    @Provides
    @Singleton
    static AuthenticationService authentication(
            UserRepository users,
            RoleRepository roles,
            SessionRepository sessions,
            ApiTokenRepository apiTokens,
            LoginThrottleRepository throttles,
            PasswordHasher passwords,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random,
            AppConfig config,
            Principals principals) {
        return new AuthenticationService(
                users,
                roles,
                sessions,
                apiTokens,
                throttles,
                passwords,
                transactions,
                audit,
                telemetry,
                ids,
                clock,
                random,
                config.sessions(),
                principals);
    }

    @Provides
    @Singleton
    static UserAdministration users(
            UserRepository users,
            RoleRepository roles,
            SessionRepository sessions,
            ApiTokenRepository apiTokens,
            PasswordHasher passwords,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random) {
        return new UserAdministration(
                users, roles, sessions, apiTokens, passwords, transactions, audit, telemetry, ids, clock, random);
    }

    @Provides
    @Singleton
    static RoleAdministration roles(
            RoleRepository roles,
            UserRepository users,
            SessionRepository sessions,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return new RoleAdministration(roles, users, sessions, transactions, audit, telemetry, ids, clock);
    }

    @Binds
    LogInUseCase logIn(AuthenticationService service);

    @Binds
    AuthenticateUseCase authenticate(AuthenticationService service);

    @Binds
    LogOutUseCase logOut(AuthenticationService service);

    @Binds
    LogOutEverywhereUseCase logOutEverywhere(AuthenticationService service);

    @Binds
    DescribeSessionUseCase describeSession(AuthenticationService service);

    @Binds
    ChangePasswordUseCase changePassword(AuthenticationService service);

    @Binds
    SweepExpiredSessionsUseCase sweep(AuthenticationService service);

    @Binds
    CreateUserUseCase createUser(UserAdministration service);

    @Binds
    BootstrapAdminUseCase bootstrapAdmin(UserAdministration service);

    @Binds
    ListUsersUseCase listUsers(UserAdministration service);

    @Binds
    GetUserUseCase getUser(UserAdministration service);

    @Binds
    UpdateUserUseCase updateUser(UserAdministration service);

    @Binds
    ManageIdentityLinksUseCase links(UserAdministration service);

    @Binds
    ManageApiTokensUseCase tokens(UserAdministration service);

    @Binds
    ListRolesUseCase listRoles(RoleAdministration service);

    @Binds
    CreateRoleUseCase createRole(RoleAdministration service);

    @Binds
    ChangeRolePermissionsUseCase rolePermissions(RoleAdministration service);

    @Binds
    AssignRoleUseCase assignRole(RoleAdministration service);
}
