package gt.enlace.schemas;

import java.util.Map;
import java.util.Optional;

/**
 * The CUI and NIT rules of the shared reference, written independently of the code that generates sample
 * identifiers, so that tests check one against the other.
 */
public final class IdentifierRules {

    private static final int[] MUNICIPALITIES = {17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17};

    private IdentifierRules() {
    }

    /** Number of municipalities of a department code '01'..'22', or 0 when the department does not exist. */
    public static int municipalities(String departmentCode) {
        if (departmentCode == null || !departmentCode.matches("\\d\\d")) {
            return 0;
        }
        int department = Integer.parseInt(departmentCode);
        return department >= 1 && department <= 22 ? MUNICIPALITIES[department - 1] : 0;
    }

    /** Why a CUI is invalid, or empty. */
    public static Optional<String> cuiProblem(String cui) {
        if (cui == null || !cui.matches("\\d{13}")) {
            return Optional.of("length: must be 13 digits");
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (cui.charAt(i) - '0') * (i + 2);
        }
        if (sum % 11 == 10 || sum % 11 != cui.charAt(8) - '0') {
            return Optional.of("check digit");
        }
        int count = municipalities(cui.substring(9, 11));
        if (count == 0) {
            return Optional.of("department");
        }
        int municipality = Integer.parseInt(cui.substring(11, 13));
        if (municipality < 1 || municipality > count) {
            return Optional.of("municipality");
        }
        return Optional.empty();
    }

    /** Why a NIT is invalid, or empty. */
    public static Optional<String> nitProblem(String nit) {
        if (nit == null || !nit.matches("\\d+-?[\\dK]") || nit.length() > 12) {
            return Optional.of("format");
        }
        String compact = nit.replace("-", "");
        String body = compact.substring(0, compact.length() - 1);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(body.length() - 1 - i) - '0') * (i + 2);
        }
        int c = Math.floorMod(-sum, 11);
        char expected = c == 10 ? 'K' : (char) ('0' + c);
        return expected == compact.charAt(compact.length() - 1) ? Optional.empty() : Optional.of("check character");
    }

    /** The reference examples, to prove the rules above before trusting them. */
    public static final Map<String, Boolean> REFERENCE_CUIS = Map.of(
            "1580352240101", true, "1587564440904", true,
            "1680352240101", false, "1580352240123", false, "1580352241899", false);

    /** The reference examples, to prove the rules above before trusting them. */
    public static final Map<String, Boolean> REFERENCE_NITS = Map.of(
            "576937-K", true, "7108-0", true, "3952550-3", true, "8977112-0", false);
}
