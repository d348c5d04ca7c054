package gt.enlace.publisher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK, JSON and CSV packages are plain Java an agency can embed without Spring; only the gateway and the auto-configuration use it. */
class PublisherLayeringTest {

    private static JavaClasses publisher;

    @BeforeAll
    static void importPublisher() {
        publisher = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("gt.enlace.publisher");
    }

    @Test
    void theSdkJsonCsvAndValidationPackagesDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("gt.enlace.publisher", "gt.enlace.publisher.validation", "gt.enlace.publisher.json",
                "gt.enlace.publisher.csv", "gt.enlace.publisher.internal")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
            .check(publisher);
    }

    @Test
    void theSdkDoesNotDependOnTheGateway() {
        noClasses().that().resideOutsideOfPackages("gt.enlace.publisher.gateway..", "gt.enlace.publisher.autoconfigure..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.publisher.gateway..", "gt.enlace.publisher.autoconfigure..")
            .check(publisher);
    }
}
