package gt.enlace.registry;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the registry's packages layered: HTTP on top, rules in the middle, storage and Avro underneath. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("gt.enlace.registry");

    @Test
    void restDependsOnTheServiceWhichDependsOnStorageNeverTheReverse() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Server").definedBy("gt.enlace.registry")
            .layer("Rest").definedBy("gt.enlace.registry.rest..")
            .layer("Cluster").definedBy("gt.enlace.registry.cluster..")
            .layer("Service").definedBy("gt.enlace.registry.service..")
            .layer("Storage").definedBy("gt.enlace.registry.storage..")
            .layer("Compatibility").definedBy("gt.enlace.registry.compatibility..")
            .layer("Avro").definedBy("gt.enlace.registry.avro..")
            .layer("Config").definedBy("gt.enlace.registry.config..")
            .whereLayer("Server").mayNotBeAccessedByAnyLayer()
            .whereLayer("Rest").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("Server", "Rest", "Cluster")
            .whereLayer("Storage").mayOnlyBeAccessedByLayers("Server", "Rest", "Service")
            .whereLayer("Compatibility").mayOnlyBeAccessedByLayers("Service")
            .whereLayer("Avro").mayOnlyBeAccessedByLayers("Rest", "Service", "Storage")
            .check(CLASSES);
    }
}
