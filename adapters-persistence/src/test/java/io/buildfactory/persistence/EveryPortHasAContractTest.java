package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every outbound port this module implements has a contract test that runs on SQLite and on PostgreSQL: found by
 * name ({@code <Port>ContractTest} beside its implementation) or, where one test covers a pair of ports or the
 * port is exercised by a broader test, named here.
 */
class EveryPortHasAContractTest {

    static final Map<String, String> COVERED_ELSEWHERE = Map.of(
            "ApiTokenRepository", "identity.ApiTokenAndThrottleContractTest",
            "LoginThrottleRepository", "identity.ApiTokenAndThrottleContractTest",
            "ConversationRepository", "conversations.ConversationAndExchangeContractTest",
            "ExchangeRepository", "conversations.ConversationAndExchangeContractTest",
            "JobRepository", "jobs.JobQueueContractTest",
            "DatabaseStatus", "schema.MigrationTest",
            "RetrievalLog", "orchestration.MemoryRepositoryContractTest",
            "RelationshipRepository", "repositories.ObjectCatalogueContractTest",
            "StorageScrubber", "conversations.ConversationStorageTest"); // erasure leaves no byte in file or WAL

    /** Ports whose adapters keep nothing in the database: a unit test each, no engine to run it on. */
    static final Map<String, String> STORE_NOTHING = Map.of(
            "ContentSealer", "crypto.AesGcmContentSealerTest",
            "GitMirrors", "git.JGitMirrorsTest", // git copies on disk, synced with bare repositories the test makes
            "PasswordHasher", "crypto.Argon2PasswordHasherTest");

    @Test
    void every_port_out_implemented_here_has_a_contract_test_on_both_engines() throws Exception {
        Map<String, Class<?>> ports = new TreeMap<>();
        for (Class<?> implementation : classesOfThisModule()) {
            for (Class<?> port : implementation.getInterfaces()) {
                if (port.getPackageName().startsWith("io.buildfactory.application.")
                        && port.getPackageName().endsWith(".port.out")) {
                    ports.put(port.getSimpleName(), implementation);
                }
            }
        }
        assertTrue(ports.size() >= 15, "the scan found the ports: " + ports.keySet());
        List<String> missing = new ArrayList<>();
        ports.forEach((port, implementation) -> {
            if (STORE_NOTHING.containsKey(port)) {
                try {
                    Class.forName("io.buildfactory.persistence." + STORE_NOTHING.get(port));
                } catch (ClassNotFoundException e) {
                    missing.add(port + " (" + implementation.getSimpleName() + "): no " + STORE_NOTHING.get(port));
                }
                return;
            }
            String folder = implementation.getPackageName().replaceFirst("^io\\.buildfactory\\.persistence\\.?", "");
            String test = "io.buildfactory.persistence."
                    + COVERED_ELSEWHERE.getOrDefault(
                            port, (folder.isEmpty() ? "" : folder + ".") + port + "ContractTest");
            try {
                Class<?> found = Class.forName(test);
                if (!runsOnBothEngines(found)) {
                    missing.add(port + ": " + found.getSimpleName() + " does not run on both engines");
                }
            } catch (ClassNotFoundException e) {
                missing.add(port + " (" + implementation.getSimpleName() + "): no " + test);
            }
        });
        assertEquals(List.of(), missing);
    }

    static boolean runsOnBothEngines(Class<?> test) {
        if (OnBothEngines.class.isAssignableFrom(test)) {
            return true;
        }
        EnumSource engines = test.getAnnotation(EnumSource.class);
        return test.isAnnotationPresent(ParameterizedClass.class)
                && engines != null
                && engines.value() == Engine.class
                && engines.names().length == 0;
    }

    static List<Class<?>> classesOfThisModule() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Database.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/buildfactory/persistence"))) {
            for (Path file : files.filter(f ->
                            f.toString().endsWith(".class") && !f.toString().contains("/jooq/"))
                    .toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, EveryPortHasAContractTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
