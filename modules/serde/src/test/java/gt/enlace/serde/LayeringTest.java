package gt.enlace.serde;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The serde is a plain library: the client knows nothing of the serde, and nothing uses Spring. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("gt.enlace.serde");

    @Test
    void theRegistryClientDoesNotDependOnTheSerde() {
        noClasses().that().resideInAPackage("gt.enlace.serde.client..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.serde", "gt.enlace.serde.internal")
            .check(MAIN);
    }

    @Test
    void nothingAtRuntimeUsesSpringOrConfluentClasses() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.confluent..")
            .check(MAIN);
    }
}
