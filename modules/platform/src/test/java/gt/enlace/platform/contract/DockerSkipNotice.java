package gt.enlace.platform.contract;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Says in the build's output, not only as a skipped count in the report, that a Testcontainers class does not run
 * because Docker is not available here, and where the same contract runs instead. Declared before
 * {@code @Testcontainers(disabledWithoutDocker = true)}, which does the skipping; this condition never disables.
 */
final class DockerSkipNotice implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() && !DockerClientFactory.instance().isDockerAvailable()) {
            System.out.println("[enlace] Docker is not available: " + context.getDisplayName() + " is skipped; the same "
                + "contract runs against a three-node embedded cluster in " + PublishReadContract.EMBEDDED_VARIANT);
        }
        return ConditionEvaluationResult.enabled("only says whether Docker is available");
    }
}
