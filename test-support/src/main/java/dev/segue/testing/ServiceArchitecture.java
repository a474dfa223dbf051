package dev.segue.testing;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
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
 * A service's test calls {@link #check(String)} with its root package.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /** Checks every rule against the main classes under {@code rootPackage}; fails naming every violation of every rule. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        CompositeArchRule.of(noCycles(rootPackage)).and(layers(rootPackage)).and(httpAtTheEdges(rootPackage))
                .and(sqlInRepositories(rootPackage)).check(classes);
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
}
