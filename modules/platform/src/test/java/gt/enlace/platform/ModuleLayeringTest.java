package gt.enlace.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction of DESIGN.md: {@code broker, schemas, serde -> bus -> roles -> platform},
 * with the libraries agencies embed ({@code serde}, {@code bus}) free of Spring. The platform sees every
 * module, so the check runs here over all of Enlace's main classes.
 */
class ModuleLayeringTest {

    private static JavaClasses enlace;

    @BeforeAll
    static void importEnlace() {
        enlace = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gt.enlace");
    }

    @Test
    void librariesAgenciesEmbedDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("gt.enlace.serde..", "gt.enlace.bus..", "gt.enlace.schemas..", "gt.enlace.broker..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .check(enlace);
    }

    @Test
    void theSerdeAndTheContractsDependOnNoOtherEnlaceModule() {
        noClasses().that().resideInAnyPackage("gt.enlace.serde..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.bus..", "gt.enlace.registry..", "gt.enlace.platform..",
                "gt.enlace.publisher..", "gt.enlace.subscriber..")
            .check(enlace);
        noClasses().that().resideInAnyPackage("gt.enlace.schemas.catalog..", "gt.enlace.schemas.samples..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.bus..", "gt.enlace.serde..", "gt.enlace.registry..",
                "gt.enlace.platform..")
            .check(enlace);
    }

    @Test
    void theBusVocabularyDependsOnNoRoleAndNoPlatform() {
        noClasses().that().resideInAnyPackage("gt.enlace.bus..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.registry..", "gt.enlace.platform..",
                "gt.enlace.publisher..", "gt.enlace.subscriber..", "gt.enlace.serde..")
            .check(enlace);
    }

    @Test
    void onlyThePlatformDependsOnThePortal() {
        noClasses().that().resideOutsideOfPackages("gt.enlace.platform..", "gt.enlace.portal..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.portal..")
            .check(enlace);
    }

    @Test
    void onlyThePlatformDependsOnThePlatform() {
        noClasses().that().resideOutsideOfPackage("gt.enlace.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.platform..")
            .check(enlace);
    }

    @Test
    void nothingButTheBrokerTestSupportUsesJUnitInMainCode() {
        noClasses().that().resideOutsideOfPackage("gt.enlace.broker.junit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..")
            .check(enlace);
    }
}
