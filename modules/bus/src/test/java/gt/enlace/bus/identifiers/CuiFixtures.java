package gt.enlace.bus.identifiers;

import java.util.Random;

/** Builds CUIs for tests by computing the check digit the way RENAP's rule defines it. */
final class CuiFixtures {

    private CuiFixtures() {
    }

    /** The check remainder of an 8-digit serial, computed independently of {@link Cui}. */
    static int remainder(String serial) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(serial.charAt(i), 10) * (i + 2);
        }
        return sum % 11;
    }

    /** A CUI with a valid check digit for {@code serial}, which must not give remainder 10. */
    static String cui(String serial, int department, int municipality) {
        int check = remainder(serial);
        if (check == 10) {
            throw new IllegalArgumentException("serial " + serial + " has no check digit");
        }
        return serial + check + String.format("%02d%02d", department, municipality);
    }

    /** A random valid CUI: a random serial with a digit, and a random existing municipality. */
    static String randomValid(Random random) {
        String serial;
        do {
            serial = String.format("%08d", random.nextInt(100_000_000));
        } while (remainder(serial) == 10);
        Department department = Department.values()[random.nextInt(Department.values().length)];
        int municipality = 1 + random.nextInt(department.municipalityCount());
        return cui(serial, department.number(), municipality);
    }
}
