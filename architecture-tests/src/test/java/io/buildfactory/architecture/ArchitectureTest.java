package io.buildfactory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;

/**
 * The module rules, checked on the compiled classes. Allow-lists where possible; a rule that selects no classes
 * fails (ArchUnit's default), so a renamed package cannot make a rule pass by matching nothing.
 */
@AnalyzeClasses(packages = "io.buildfactory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String DOMAIN = "io.buildfactory.domain..";
    static final String APPLICATION = "io.buildfactory.application..";
    static final String PERSISTENCE = "io.buildfactory.persistence..";
    static final String HTTP = "io.buildfactory.http..";
    static final String BOOTSTRAP = "io.buildfactory.bootstrap..";
    /** The JDK, less what touches a database. */
    static final String[] PLAIN_JDK = {
        "java.lang..",
        "java.util..",
        "java.time..",
        "java.nio..",
        "java.security..",
        "java.io..",
        "java.math..",
        "java.net.."
    };

    @ArchTest
    static final ArchRule domain_depends_only_on_itself_and_the_jdk = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(concat(PLAIN_JDK, DOMAIN));

    @ArchTest
    static final ArchRule application_depends_only_on_the_domain_and_the_jdk = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(concat(PLAIN_JDK, DOMAIN, APPLICATION));

    @ArchTest
    static final ArchRule only_persistence_touches_the_database = noClasses()
            .that()
            .resideOutsideOfPackage(PERSISTENCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.jooq..",
                    "java.sql..",
                    "javax.sql..",
                    "org.flywaydb..",
                    "org.sqlite..",
                    "org.postgresql..",
                    "com.zaxxer.hikari..",
                    "io.buildfactory.persistence.jooq..");

    @ArchTest
    static final ArchRule only_http_uses_javalin = noClasses()
            .that()
            .resideOutsideOfPackage(HTTP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule only_bootstrap_uses_dagger_and_the_command_line = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..", "picocli..");

    @ArchTest
    static final ArchRule only_the_crypto_adapters_use_the_password_hashing_library = noClasses()
            .that()
            .resideOutsideOfPackage("io.buildfactory.persistence.crypto..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.password4j..");

    @ArchTest
    static final ArchRule only_the_git_adapter_uses_jgit = noClasses()
            .that()
            .resideOutsideOfPackage("io.buildfactory.persistence.git..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.eclipse.jgit..");

    @ArchTest
    static final ArchRule http_and_persistence_do_not_know_each_other = noClasses()
            .that()
            .resideInAPackage(HTTP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(PERSISTENCE)
            .andShould()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP);

    @ArchTest
    static final ArchRule persistence_does_not_know_http = noClasses()
            .that()
            .resideInAPackage(PERSISTENCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(HTTP, BOOTSTRAP);

    @ArchTest
    static final ArchRule http_reaches_the_application_only_through_inbound_ports = classes()
            .that()
            .resideInAPackage(HTTP)
            .should()
            .onlyDependOnClassesThat(DescribedPredicate.describe(
                    "outside the application or in its port.in packages",
                    c -> !c.getPackageName().startsWith("io.buildfactory.application")
                            || c.getPackageName().contains(".port.in")));

    @ArchTest
    static final ArchRule persistence_reaches_the_application_only_through_outbound_ports = classes()
            .that()
            .resideInAPackage(PERSISTENCE)
            .should()
            .onlyDependOnClassesThat(DescribedPredicate.describe(
                    "outside the application or in its port.out packages",
                    c -> !c.getPackageName().startsWith("io.buildfactory.application")
                            || c.getPackageName().contains(".port.out")));

    @ArchTest
    static final ArchRule an_application_context_uses_only_itself_the_shared_kernel_and_other_contexts_inbound_ports =
            classes()
                    .that()
                    .resideInAPackage(APPLICATION)
                    .should(
                            new ArchCondition<JavaClass>(
                                    "use only their own context, application.shared and other" + " contexts' port.in") {
                                @Override
                                public void check(JavaClass origin, ConditionEvents events) {
                                    String own = contextOf(origin.getPackageName());
                                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                                        String target =
                                                dependency.getTargetClass().getPackageName();
                                        if (target.startsWith("io.buildfactory.application.")
                                                && !contextOf(target).equals(own)
                                                && !contextOf(target).equals("shared")
                                                && !INBOUND_PORT.matcher(target).matches()) {
                                            events.add(SimpleConditionEvent.violated(
                                                    dependency, dependency.getDescription()));
                                        }
                                    }
                                }
                            });

    static final Pattern INBOUND_PORT = Pattern.compile("io\\.buildfactory\\.application\\.[a-z]+\\.port\\.in(\\..*)?");

    /** {@code io.buildfactory.application.identity.port.out} -> {@code identity}. */
    static String contextOf(String applicationPackage) {
        String rest = applicationPackage.substring("io.buildfactory.application.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @ArchTest
    static final ArchRule use_case_interfaces_live_in_port_in = classes()
            .that()
            .haveSimpleNameEndingWith("UseCase")
            .should()
            .beInterfaces()
            .andShould()
            .resideInAPackage("io.buildfactory.application.*.port.in");

    @ArchTest
    static final ArchRule contexts_and_layers_are_free_of_cycles =
            slices().matching("io.buildfactory.(*).(*)..").should().beFreeOfCycles();

    private static String[] concat(String[] jdk, String... more) {
        String[] all = java.util.Arrays.copyOf(jdk, jdk.length + more.length);
        System.arraycopy(more, 0, all, jdk.length, more.length);
        return all;
    }
}
