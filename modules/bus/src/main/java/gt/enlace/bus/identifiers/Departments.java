package gt.enlace.bus.identifiers;

import java.util.List;
import java.util.Optional;

/**
 * Lookups over the {@link Department departments} and their municipalities by the codes that
 * records carry: two digits each, as in a CUI ({@code 01} for the department Guatemala,
 * {@code 0101} for its first municipality). The publisher uses these to validate department and
 * municipality fields of a record the same way a CUI is validated.
 */
public final class Departments {

    /** Number of departments. */
    public static final int COUNT = 22;

    /** Number of municipalities in Guatemala since 2015. */
    public static final int TOTAL_MUNICIPALITIES = 340;

    private static final List<Department> ALL = List.of(Department.values());

    private Departments() {
    }

    /** All departments, in code order. */
    public static List<Department> all() {
        return ALL;
    }

    /**
     * Finds a department by its number.
     *
     * @param number 1 to 22
     * @return the department, empty when there is none with that number
     */
    public static Optional<Department> byNumber(int number) {
        return number >= 1 && number <= COUNT ? Optional.of(ALL.get(number - 1)) : Optional.empty();
    }

    /**
     * Finds a department by its two-digit code.
     *
     * @param code {@code 01} to {@code 22}; exactly two ASCII digits
     * @return the department, empty for null, malformed or unknown codes
     */
    public static Optional<Department> byCode(String code) {
        int number = twoDigits(code);
        return number < 0 ? Optional.empty() : byNumber(number);
    }

    /**
     * Whether {@code code} is the two-digit code of a department.
     *
     * @param code the code, e.g. {@code 09}
     * @return true for {@code 01} to {@code 22}
     */
    public static boolean isValidDepartment(String code) {
        return byCode(code).isPresent();
    }

    /**
     * Whether a department and municipality number pair exists.
     *
     * @param department   the department number, 1 to 22
     * @param municipality the municipality number within the department, 1-based
     * @return true when both exist
     */
    public static boolean isValidMunicipality(int department, int municipality) {
        return byNumber(department).map(d -> d.isValidMunicipality(municipality)).orElse(false);
    }

    /**
     * Whether a department and municipality code pair exists.
     *
     * @param department   the two-digit department code, e.g. {@code 01}
     * @param municipality the two-digit municipality code within that department, e.g. {@code 17}
     * @return true when both are two digits and exist; false for null or malformed codes
     */
    public static boolean isValidMunicipality(String department, String municipality) {
        int m = twoDigits(municipality);
        return m >= 0 && byCode(department).map(d -> d.isValidMunicipality(m)).orElse(false);
    }

    /**
     * Whether a four-digit municipality code, department then municipality as the last four digits
     * of a CUI, exists.
     *
     * @param code e.g. {@code 0101}
     * @return true when it names an existing municipality
     */
    public static boolean isValidMunicipalityCode(String code) {
        return code != null && code.length() == 4
                && isValidMunicipality(code.substring(0, 2), code.substring(2));
    }

    private static int twoDigits(String code) {
        if (code == null || code.length() != 2) {
            return -1;
        }
        char tens = code.charAt(0);
        char units = code.charAt(1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (units - '0');
    }
}
