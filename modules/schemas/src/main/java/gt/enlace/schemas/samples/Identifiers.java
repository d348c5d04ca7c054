package gt.enlace.schemas.samples;

/**
 * Builds valid CUIs and NITs from a seed by computing their check characters (see the {@code doc} of the
 * CUI and NIT fields in the schemas).
 */
final class Identifiers {

    private Identifiers() {
    }

    /** CUI check digit of an 8-digit serial, or -1 when the remainder is 10 (no valid CUI has that serial). */
    static int cuiCheckDigit(String serial) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * (i + 2);
        }
        int check = sum % 11;
        return check == 10 ? -1 : check;
    }

    /**
     * A valid CUI born in the given department and municipality; the serial is derived from {@code seed} and
     * moved to the next one whose check remainder is not 10.
     */
    static String cui(long seed, String departmentCode, String municipalityCode) {
        long serial = 10_000_000L + Math.floorMod(seed * 7_919L + 1_234_567L, 89_999_999L);
        while (true) {
            String digits = Long.toString(serial);
            int check = cuiCheckDigit(digits);
            if (check >= 0) {
                return digits + check + departmentCode + municipalityCode;
            }
            serial = serial == 99_999_999L ? 10_000_000L : serial + 1;
        }
    }

    /** NIT check character of a body of digits: weights 2, 3, ... from the rightmost digit, (-sum) mod 11, K for 10. */
    static char nitCheckCharacter(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(body.length() - 1 - i) - '0') * (i + 2);
        }
        int check = Math.floorMod(-sum, 11);
        return check == 10 ? 'K' : (char) ('0' + check);
    }

    /** A valid NIT written with a hyphen, e.g. {@code 4732918-5}, with a 7- or 8-digit body derived from {@code seed}. */
    static String nit(long seed) {
        String body = Long.toString(1_000_000L + Math.floorMod(seed * 104_729L + 3_141_592L, 98_999_999L));
        return body + "-" + nitCheckCharacter(body);
    }
}
