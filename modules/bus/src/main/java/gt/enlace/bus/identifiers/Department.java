package gt.enlace.bus.identifiers;

/**
 * The 22 departments of Guatemala with the two-digit code the CUI carries and the number of
 * municipalities in each: 340 in all since 2015, when Sipacate (Escuintla) and Petatán
 * (Huehuetenango) were created. Older libraries still count 13 and 32 for those two departments.
 *
 * <p>Use {@link Departments} to look a department up by code.
 */
public enum Department {

    /** 01 Guatemala. */
    GUATEMALA(1, "Guatemala", 17),
    /** 02 El Progreso. */
    EL_PROGRESO(2, "El Progreso", 8),
    /** 03 Sacatepéquez. */
    SACATEPEQUEZ(3, "Sacatepéquez", 16),
    /** 04 Chimaltenango. */
    CHIMALTENANGO(4, "Chimaltenango", 16),
    /** 05 Escuintla, 14 municipalities including Sipacate (2015). */
    ESCUINTLA(5, "Escuintla", 14),
    /** 06 Santa Rosa. */
    SANTA_ROSA(6, "Santa Rosa", 14),
    /** 07 Sololá. */
    SOLOLA(7, "Sololá", 19),
    /** 08 Totonicapán. */
    TOTONICAPAN(8, "Totonicapán", 8),
    /** 09 Quetzaltenango. */
    QUETZALTENANGO(9, "Quetzaltenango", 24),
    /** 10 Suchitepéquez. */
    SUCHITEPEQUEZ(10, "Suchitepéquez", 21),
    /** 11 Retalhuleu. */
    RETALHULEU(11, "Retalhuleu", 9),
    /** 12 San Marcos. */
    SAN_MARCOS(12, "San Marcos", 30),
    /** 13 Huehuetenango, 33 municipalities including Petatán (2015). */
    HUEHUETENANGO(13, "Huehuetenango", 33),
    /** 14 Quiché. */
    QUICHE(14, "Quiché", 21),
    /** 15 Baja Verapaz. */
    BAJA_VERAPAZ(15, "Baja Verapaz", 8),
    /** 16 Alta Verapaz. */
    ALTA_VERAPAZ(16, "Alta Verapaz", 17),
    /** 17 Petén. */
    PETEN(17, "Petén", 14),
    /** 18 Izabal. */
    IZABAL(18, "Izabal", 5),
    /** 19 Zacapa. */
    ZACAPA(19, "Zacapa", 11),
    /** 20 Chiquimula. */
    CHIQUIMULA(20, "Chiquimula", 11),
    /** 21 Jalapa. */
    JALAPA(21, "Jalapa", 7),
    /** 22 Jutiapa. */
    JUTIAPA(22, "Jutiapa", 17);

    private final int number;
    private final String code;
    private final String spanishName;
    private final int municipalityCount;

    Department(int number, String spanishName, int municipalityCount) {
        this.number = number;
        this.code = (number < 10 ? "0" : "") + number;
        this.spanishName = spanishName;
        this.municipalityCount = municipalityCount;
    }

    /** The department number, 1 to 22. */
    public int number() {
        return number;
    }

    /** The two-digit code, {@code 01} to {@code 22}. */
    public String code() {
        return code;
    }

    /** The name in Spanish, with its accents, e.g. {@code Sacatepéquez}. */
    public String spanishName() {
        return spanishName;
    }

    /** How many municipalities the department has; their numbers run from 1 to this count. */
    public int municipalityCount() {
        return municipalityCount;
    }

    /**
     * Whether {@code municipality} is a municipality number of this department.
     *
     * @param municipality the municipality number, 1-based
     * @return true when it lies in {@code 1..municipalityCount()}
     */
    public boolean isValidMunicipality(int municipality) {
        return municipality >= 1 && municipality <= municipalityCount;
    }
}
