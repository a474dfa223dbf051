package dev.segue.testing;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The package rules every service follows (docs/architecture.md): no package cycles, layers
 * rest → service → repository, HTTP types at the edges only, SQL only in {@code repository}.
 * A service's test calls {@link #check(String, ArchRule...)} with its root package and the rules only it needs,
 * or checks the rules one by one.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /**
     * Checks every rule, and {@code more}, against the main classes under {@code rootPackage}; fails naming every
     * violation of every rule.
     */
    public static void check(String rootPackage, ArchRule... more) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        CompositeArchRule rules = CompositeArchRule.of(noCycles(rootPackage)).and(layers(rootPackage))
                .and(httpAtTheEdges(rootPackage)).and(sqlInRepositories(rootPackage));
        for (ArchRule rule : more) {
            rules = rules.and(rule);
        }
        rules.check(classes);
    }

    /** Each direct sub-package is a slice; no slice reaches back to one that depends on it. */
    public static ArchRule noCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
    }

    /** Resources (and health checks) call services, services call repositories, never the other way. */
    public static ArchRule layers(String rootPackage) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(rootPackage + ".rest..", rootPackage + ".health..")
                .layer("service").definedBy(rootPackage + ".service..")
                .layer("repository").definedBy(rootPackage + ".repository..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service");
    }

    /**
     * Only resources know JAX-RS responses and the request/response types of {@code rest}; outbound
     * clients ({@code client}) use {@code Response} to read what the other side answered.
     */
    public static ArchRule httpAtTheEdges(String rootPackage) {
        return noClasses().that().resideOutsideOfPackages(rootPackage + ".rest..", rootPackage + ".client..")
                .should().dependOnClassesThat(nameMatching("jakarta\\.ws\\.rs\\.core\\.Response(\\$.*)?"))
                .orShould().dependOnClassesThat().resideInAPackage(rootPackage + ".rest..")
                .as("no class below rest (outbound clients aside) depends on jakarta.ws.rs.core.Response or on rest types");
    }

    /** JDBC, the datasource and native queries belong to repositories. */
    public static ArchRule sqlInRepositories(String rootPackage) {
        return noClasses().that().resideOutsideOfPackage(rootPackage + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .orShould().callMethodWhere(target(name("createNativeQuery")))
                .as("SQL (java.sql, a DataSource, native queries) only in " + rootPackage + ".repository");
    }

    /** For a service whose only JAX-RS is its endpoints and its outbound clients: none of it anywhere else. */
    public static ArchRule jaxRsAtTheEdges(String rootPackage) {
        return noClasses().that().resideOutsideOfPackages(rootPackage + ".rest..", rootPackage + ".client..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .as("JAX-RS only in " + rootPackage + ".rest and " + rootPackage + ".client");
    }

    /**
     * For a service with Panache entities: they live in {@code repository}, and only repositories query or write
     * through them (the entity's type is named, so services without Hibernate need not have it on their classpath).
     */
    public static ArchRule panacheInRepositories(String rootPackage) {
        String entity = "io.quarkus.hibernate.orm.panache.PanacheEntityBase";
        return noClasses().that().resideOutsideOfPackage(rootPackage + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                        "io.quarkus.hibernate..", "io.quarkus.panache..")
                .orShould().callMethodWhere(target(owner(assignableTo(entity))))
                .as("Panache entities, their queries and writes only in " + rootPackage + ".repository");
    }
}
