package gt.enlace.survey.instrument;

import java.util.List;

/**
 * An instrument file that cannot be used. The message lists every problem as {@code <file>: <entry>: <reason>},
 * one per line.
 */
public class InstrumentException extends RuntimeException {

    private final List<String> problems;

    public InstrumentException(String source, List<String> problems) {
        super("the survey instrument " + source + " has " + problems.size() + " error(s):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code <file>: <entry>: <reason>}. */
    public List<String> problems() {
        return problems;
    }
}
