package gt.enlace.survey.checklist;

import java.util.Set;

/**
 * Which data-sharing agreements an institution has, for the checklist's {@code agreement} evidence. Provide a bean
 * of this type where agreements are kept (the security role); without one, agreement steps are never ticked.
 */
@FunctionalInterface
public interface AgreementDirectory {

    /** The catalog codes of the institutions {@code institution} has an active agreement with (either side). */
    Set<String> counterparts(String institution);
}
