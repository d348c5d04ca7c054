package gt.enlace.survey.instrument;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of items; the {@link #code()} is the {@code type} written in the instrument file. */
public enum ItemType {

    /** A whole number from 0 to 4; 0 is the least mature anchor. Scores {@code 25 × value}. */
    LIKERT("likert"),
    /** {@code yes} or {@code no}. Scores 100 for the mature answer, 0 for the other. */
    YES_NO("yes-no"),
    /** Exactly one option code. Scores the option's score. */
    SINGLE_CHOICE("single-choice"),
    /** One or more option codes separated by {@code |}. Scores the mean of the chosen options' scores. */
    MULTIPLE_CHOICE("multiple-choice");

    private final String code;

    ItemType(String code) {
        this.code = code;
    }

    /** As written in the file, e.g. {@code yes-no}. */
    public String code() {
        return code;
    }

    /** The type written as {@code code}, if any. */
    public static Optional<ItemType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** Whether items of this type have options. */
    public boolean isChoice() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
