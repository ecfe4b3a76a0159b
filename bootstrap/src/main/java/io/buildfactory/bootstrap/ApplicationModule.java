package io.buildfactory.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.system.ReadinessService;
import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.application.system.port.out.DatabaseStatus;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The use cases, built from the ports they need. */
@Module
interface ApplicationModule {

    @Provides
    @Singleton
    static IdGenerator ids(Clock clock) {
        return IdGenerator.secure(clock);
    }

    @Provides
    @Singleton
    static CheckReadinessUseCase readiness(DatabaseStatus database) {
        return new ReadinessService(database);
    }
}
