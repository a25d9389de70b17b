package org.postroom.smtp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The SMTP server and outbound delivery meet only in what both use (the replies, DSNs, the reading
 * of a message, SRS, DNS, rspamd's protocol, storage; the quarantine digest uses only those too): the
 * inbound side never imports the outbound one, so that delivery
 * can become a module of its own without a cut through the hooks; and the shared packages import
 * neither side.
 */
class DirectionsTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.postroom.smtp");

    @Test
    void theInboundSideNeverImportsTheOutboundSide() {
        noClasses().that().resideInAPackage("org.postroom.smtp.inbound..")
                .should().dependOnClassesThat().resideInAPackage("org.postroom.smtp.outbound..")
                .check(MAIN);
    }

    @Test
    void theSharedPackagesImportNeitherSide() {
        noClasses().that().resideInAnyPackage("org.postroom.smtp.reply..", "org.postroom.smtp.dsn..",
                        "org.postroom.smtp.message..", "org.postroom.smtp.srs..", "org.postroom.smtp.dkim..",
                        "org.postroom.smtp.dns..", "org.postroom.smtp.digest..", "org.postroom.smtp.rspamd..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.postroom.smtp.inbound..", "org.postroom.smtp.outbound..")
                .check(MAIN);
    }
}
