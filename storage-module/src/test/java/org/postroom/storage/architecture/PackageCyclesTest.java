package org.postroom.storage.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The storage packages depend on each other one way only: {@code senders} and {@code greylist} on
 * {@code directory};
 * {@code quarantine} on {@code mailbox},
 * {@code directory} and {@code message}; {@code mailbox} on {@code directory},
 * {@code queue} and {@code message}; {@code queue} and {@code directory} on {@code message}; all of
 * them on the root package, which depends on none of them. A cycle would mean that no package can
 * be read (or changed) without the other, so any cycle between two packages fails here, naming the
 * classes that close it.
 */
class PackageCyclesTest {

    @Test
    void theStoragePackagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.postroom.storage");
        // every package a slice of its own, the root package included
        slices().matching("org.postroom.(**)").should().beFreeOfCycles().check(main);
    }
}
