package dev.segue.library;

import dev.segue.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, on this service's main classes. */
class ArchitectureTest {

    @Test
    void followsTheServiceArchitecture() {
        ServiceArchitecture.check("dev.segue.library");
    }
}
