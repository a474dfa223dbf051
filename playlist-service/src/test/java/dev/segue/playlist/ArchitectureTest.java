package dev.segue.playlist;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.segue.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, on this service's main classes, one test a rule so a failure names
 * its rule; besides the common ones, JAX-RS stays in rest and client, and the Panache entities in repository.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.segue.playlist";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        ServiceArchitecture.noCycles(ROOT).check(CLASSES);
    }

    @Test
    void layersPointFromRestToServiceToRepository() {
        ServiceArchitecture.layers(ROOT).check(CLASSES);
    }

    @Test
    void responsesAndRestTypesStayAtTheEdges() {
        ServiceArchitecture.httpAtTheEdges(ROOT).check(CLASSES);
    }

    @Test
    void jaxRsStaysInRestAndClient() {
        ServiceArchitecture.jaxRsAtTheEdges(ROOT).check(CLASSES);
    }

    @Test
    void sqlStaysInRepositories() {
        ServiceArchitecture.sqlInRepositories(ROOT).check(CLASSES);
    }

    @Test
    void panacheStaysInRepositories() {
        ServiceArchitecture.panacheInRepositories(ROOT).check(CLASSES);
    }
}
