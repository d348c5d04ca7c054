package gt.enlace.subscriber;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java parts (subscriber loop, dead letters, guard, replay, delivery status) need no Spring
 * Kafka: the platform uses them with {@code spring-boot-starter-kafka} excluded.
 */
class SubscriberLayeringTest {

    private static JavaClasses subscriber;

    @BeforeAll
    static void importSubscriber() {
        subscriber = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gt.enlace.subscriber");
    }

    @Test
    void onlyTheSpringPackageUsesSpringKafka() {
        noClasses().that().resideOutsideOfPackage("gt.enlace.subscriber.spring..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..")
            .check(subscriber);
    }

    @Test
    void thePlainJavaApiDoesNotDependOnTheSpringPackage() {
        noClasses().that().resideInAnyPackage("gt.enlace.subscriber", "gt.enlace.subscriber.deliveries")
            .should().dependOnClassesThat().resideInAnyPackage("gt.enlace.subscriber.spring..")
            .check(subscriber);
    }
}
