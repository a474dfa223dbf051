package dev.segue.playlist;

import static dev.segue.testing.ServiceArchitecture.jaxRsAtTheEdges;
import static dev.segue.testing.ServiceArchitecture.panacheInRepositories;

import dev.segue.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, on this service's main classes; besides the common ones, JAX-RS
 * stays in rest and client, and the Panache entities in repository.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.segue.playlist";

    @Test
    void followsTheServiceArchitecture() {
        ServiceArchitecture.check(ROOT, jaxRsAtTheEdges(ROOT), panacheInRepositories(ROOT));
    }
}
