package dev.segue.sonic;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on sonic-service's main classes: no cycles between
 * its packages, rest → service → repository, REST types only in rest, SQL only in repository.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.segue.sonic";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void layersPointFromRestToServiceToRepository() {
        layeredArchitecture().consideringAllDependencies()
                .layer("rest").definedBy(ROOT + ".rest..")
                .layer("service").definedBy(ROOT + ".service..")
                .layer("repository").definedBy(ROOT + ".repository..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .check(CLASSES);
    }

    @Test
    void restTypesStayInRest() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .check(CLASSES);
    }

    @Test
    void sqlStaysInRepositories() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..",
                        "org.hibernate..", "io.quarkus.hibernate..", "io.quarkus.panache..")
                .orShould().callMethodWhere(target(owner(assignableTo(PanacheEntityBase.class))))
                .check(CLASSES);
    }
}
