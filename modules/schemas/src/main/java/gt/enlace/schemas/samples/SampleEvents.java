package gt.enlace.schemas.samples;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.apache.avro.specific.SpecificRecord;

import gt.enlace.common.Address;
import gt.enlace.common.GeoLocation;
import gt.enlace.common.InstitutionCode;
import gt.enlace.common.Office;
import gt.enlace.common.PersonName;
import gt.enlace.common.Sex;
import gt.enlace.igss.AffiliateRegistered;
import gt.enlace.igss.AffiliateType;
import gt.enlace.mineduc.EducationLevel;
import gt.enlace.mineduc.EnrolmentType;
import gt.enlace.mineduc.SchoolSector;
import gt.enlace.mineduc.SchoolShift;
import gt.enlace.mineduc.StudentEnrolled;
import gt.enlace.mspas.VaccinationApplied;
import gt.enlace.mspas.Vaccine;
import gt.enlace.renap.BirthAttendant;
import gt.enlace.renap.BirthPlaceType;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.renap.DeathCertifier;
import gt.enlace.renap.DeathPlaceType;
import gt.enlace.renap.DeathRegistered;
import gt.enlace.renap.DpiIssueReason;
import gt.enlace.renap.DpiIssued;
import gt.enlace.rm.CompanyRegistered;
import gt.enlace.rm.CompanyType;
import gt.enlace.sat.IncomeTaxRegime;
import gt.enlace.sat.StatusChangeReason;
import gt.enlace.sat.TaxpayerRegistered;
import gt.enlace.sat.TaxpayerStatus;
import gt.enlace.sat.TaxpayerStatusChanged;
import gt.enlace.sat.TaxpayerType;
import gt.enlace.sat.VatRegime;

/**
 * One realistic, valid sample record per catalog topic, e.g. for {@code enlace demo}.
 *
 * <p>Samples are deterministic: the same topic and index always give the same record, and different indexes
 * give distinct records (different people, places, dates and identifiers), so a demo can publish several.
 * Every CUI and NIT is computed with the real check-digit rules, and a CUI's department and municipality are
 * those of the person's place of birth where the record says it.
 *
 * <pre>{@code
 * SpecificRecord birth = SampleEvents.sampleFor("gt.renap.birth-registered.v1", 3);
 * }</pre>
 */
public final class SampleEvents {

    /** The reference instant samples are dated from: 2026-11-23 (a Monday), midnight UTC. */
    private static final LocalDate BASE_DATE = LocalDate.of(2026, 11, 23);

    private static final Map<String, IntFunction<SpecificRecord>> SAMPLES = Map.ofEntries(
            Map.entry("gt.renap.birth-registered.v1", SampleEvents::birthRegistered),
            Map.entry("gt.renap.death-registered.v1", SampleEvents::deathRegistered),
            Map.entry("gt.renap.dpi-issued.v1", SampleEvents::dpiIssued),
            Map.entry("gt.sat.taxpayer-registered.v1", SampleEvents::taxpayerRegistered),
            Map.entry("gt.sat.taxpayer-status-changed.v1", SampleEvents::taxpayerStatusChanged),
            Map.entry("gt.rm.company-registered.v1", SampleEvents::companyRegistered),
            Map.entry("gt.mspas.vaccination-applied.v1", SampleEvents::vaccinationApplied),
            Map.entry("gt.mineduc.student-enrolled.v1", SampleEvents::studentEnrolled),
            Map.entry("gt.igss.affiliate-registered.v1", SampleEvents::affiliateRegistered),
            Map.entry("gt.ocp.survey-response-submitted.v1", SampleEvents::responseSubmitted),
            Map.entry("gt.ocp.manual-exchange-declared.v1", SampleEvents::manualExchangeDeclared));

    /** Institutions that answer the survey in samples: every catalog institution but the evaluators. */
    private static final List<String> SURVEYED = List.of("renap", "sat", "rm", "rgp", "mspas", "igss", "mineduc", "mp",
            "pnc", "ine", "segeplan", "cgc", "oj", "minfin", "tse");

    /** A municipality with the names needed to write realistic offices and addresses. */
    private record Place(String department, String municipality, String municipalityName, String departmentName,
                         String postalCode) {
        GeoLocation location(String locality) {
            return GeoLocation.newBuilder().setDepartmentCode(department).setMunicipalityCode(municipality)
                    .setLocality(locality).build();
        }
    }

    private static final List<Place> PLACES = List.of(
            new Place("01", "01", "Guatemala", "Guatemala", "01001"),
            new Place("09", "01", "Quetzaltenango", "Quetzaltenango", "09001"),
            new Place("16", "01", "Cobán", "Alta Verapaz", "16001"),
            new Place("01", "08", "Mixco", "Guatemala", "01057"),
            new Place("07", "01", "Sololá", "Sololá", "07001"),
            new Place("13", "01", "Huehuetenango", "Huehuetenango", "13001"),
            new Place("17", "01", "Flores", "Petén", "17001"),
            new Place("05", "01", "Escuintla", "Escuintla", "05001"),
            new Place("01", "15", "Villa Nueva", "Guatemala", "01064"),
            new Place("03", "01", "Antigua Guatemala", "Sacatepéquez", "03001"),
            new Place("18", "01", "Puerto Barrios", "Izabal", "18001"),
            new Place("14", "01", "Santa Cruz del Quiché", "Quiché", "14001"));

    private static final List<String> FEMALE_NAMES = List.of("María José", "Ana Lucía", "Rosa Amalia", "Sofía Isabel",
            "Juana", "Ixchel Alejandra", "Glenda Marisol", "Karla Fernanda");
    private static final List<String> MALE_NAMES = List.of("Juan Carlos", "José Luis", "Kevin Alexander", "Pedro Pablo",
            "Diego Andrés", "Byron Estuardo", "Marvin Otoniel", "Luis Fernando");
    private static final List<String> SURNAMES = List.of("Pérez", "López", "García", "Xicará", "Coc", "Caal", "Ixcot",
            "Hernández", "Tzoc", "Morales", "Chávez", "Quiñónez", "Sic", "Ajanel");
    private static final List<String> COMPANIES = List.of("Cafés del Altiplano", "Textiles Maya Kiche",
            "Servicios Logísticos del Pacífico", "Agroexportadora Las Verapaces", "Tecnología Chapina",
            "Constructora Los Volcanes", "Lácteos de Oriente", "Turismo Lago de Atitlán");
    private static final List<String> STREETS = List.of("7a. Avenida 3-73", "4a. Calle 12-45", "Calzada Roosevelt 22-43",
            "6a. Avenida 1-36", "15 Calle 8-20", "Boulevard Los Próceres 24-69", "2a. Calle 5-10", "Diagonal 6 10-01");

    /** The largest index {@link #sampleFor(String, int)} accepts. */
    public static final int MAX_INDEX = 1_000_000;

    private SampleEvents() {
    }

    /** The topics that have samples: every topic of the bundled catalog. */
    public static Set<String> topics() {
        return SAMPLES.keySet();
    }

    /** The first sample of a topic, the same as {@code sampleFor(topic, 0)}. */
    public static SpecificRecord sampleFor(String topic) {
        return sampleFor(topic, 0);
    }

    /**
     * Sample number {@code index} of a topic: deterministic, and distinct from the samples of other indexes.
     *
     * @param topic a catalog topic, e.g. {@code gt.renap.birth-registered.v1}
     * @param index from 0 to {@link #MAX_INDEX}
     * @throws IllegalArgumentException for a topic without samples or an index out of range
     */
    public static SpecificRecord sampleFor(String topic, int index) {
        IntFunction<SpecificRecord> sample = SAMPLES.get(topic);
        if (sample == null) {
            throw new IllegalArgumentException("no sample for topic '" + topic + "'; topics with samples: "
                    + String.join(", ", SAMPLES.keySet().stream().sorted().toList()));
        }
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("'index' must be from 0 to " + MAX_INDEX + ", got " + index);
        }
        return sample.apply(index);
    }

    // ------------------------------------------------------------------------------------------- survey

    /** Answers valid for modules/survey's instrument v1: every required item, some optional ones. */
    private static SpecificRecord responseSubmitted(int i) {
        java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
        answers.put("std.guidelines", String.valueOf(i % 5));
        answers.put("std.data-catalog", i % 2 == 0 ? "no" : "yes");
        answers.put("std.identifiers", String.valueOf((i + 2) % 5));
        answers.put("exc.main-medium", pick(List.of("paper", "email", "spreadsheet", "usb", "web-services", "bus"), i, 0));
        answers.put("exc.digital-share", String.valueOf((i + 1) % 5));
        answers.put("exc.automated", i % 3 == 0 ? "yes" : "no");
        answers.put("sec.legal-basis", String.valueOf((i + 3) % 5));
        answers.put("sec.agreements", i % 4 == 0 ? "yes" : "no");
        answers.put("sec.confidentiality", String.valueOf((i + 4) % 5));
        answers.put("sec.barriers", i % 2 == 0 ? "legal|confidentiality" : "none");
        answers.put("cap.staff", pick(List.of("none", "one", "two-to-five", "six-to-twenty", "more-than-twenty"), i, 1));
        answers.put("cap.training", String.valueOf(i % 5));
        answers.put("cap.infrastructure", String.valueOf((i + 1) % 5));
        answers.put("col.strategy", i % 5 == 0 ? "yes" : "no");
        answers.put("col.partners", pick(List.of("none", "one", "two-to-three", "four-to-nine", "ten-or-more"), i, 2));
        return gt.enlace.survey.ResponseSubmitted.newBuilder()
                .setInstitution(pick(SURVEYED, i, 0))
                .setRound("2025-baseline")
                .setInstrumentVersion(1)
                .setAnswers(answers.entrySet().stream()
                        .map(e -> gt.enlace.survey.SurveyAnswer.newBuilder().setItem(e.getKey()).setValue(e.getValue()).build())
                        .toList())
                .setRespondent("Dirección de Informática (muestra " + i + ")")
                .setOrigin(gt.enlace.survey.ResponseOrigin.HTTP_API)
                .build();
    }

    private static SpecificRecord manualExchangeDeclared(int i) {
        String institution = pick(SURVEYED, i, 0);
        String counterpart = pick(SURVEYED, i, 3);
        if (counterpart.equals(institution)) {
            counterpart = institution.equals("mineduc") ? "renap" : "mineduc";
        }
        return gt.enlace.survey.ManualExchangeDeclared.newBuilder()
                .setInstitution(institution)
                .setCounterpart(counterpart)
                .setDirection(i % 3 == 0 ? gt.enlace.survey.ExchangeDirection.RECEIVED : gt.enlace.survey.ExchangeDirection.SENT)
                .setRecords(1 + (i * 37) % 400)
                .setMedium(pick(List.of(gt.enlace.survey.ExchangeMedium.PAPER, gt.enlace.survey.ExchangeMedium.EMAIL,
                        gt.enlace.survey.ExchangeMedium.SPREADSHEET, gt.enlace.survey.ExchangeMedium.USB), i, 1))
                .setDate(BASE_DATE.minusDays(i % 30))
                .setDescription("Certificados de nacimiento para inscripción escolar (muestra " + i + ")")
                .build();
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static <T> T pick(List<T> values, int index, int salt) {
        return values.get(Math.floorMod(index * 7 + salt, values.size()));
    }

    private static Place place(int index, int salt) {
        return pick(PLACES, index, salt);
    }

    private static PersonName name(int index, int salt, Sex sex) {
        List<String> given = sex == Sex.FEMALE ? FEMALE_NAMES : MALE_NAMES;
        return PersonName.newBuilder()
                .setGivenNames(pick(given, index, salt))
                .setFirstSurname(pick(SURNAMES, index, salt + 3))
                .setSecondSurname(pick(SURNAMES, index, salt + 8))
                .build();
    }

    private static Sex sex(int index) {
        return index % 2 == 0 ? Sex.FEMALE : Sex.MALE;
    }

    private static Office office(InstitutionCode institution, String label, Place place) {
        return Office.newBuilder()
                .setInstitution(institution)
                .setCode(place.department() + place.municipality() + "-01")
                .setName(label + ", " + place.municipalityName() + ", " + place.departmentName())
                .setLocation(place.location(null))
                .build();
    }

    private static Address address(int index, int salt, Place place) {
        boolean zoned = place.department().equals("01") || place.department().equals("09");
        int zone = 1 + Math.floorMod(index * 5 + salt, zoned ? 16 : 3);
        return Address.newBuilder()
                .setLine(pick(STREETS, index, salt))
                .setZone(zoned ? zone : null)
                .setLocation(place.location(zoned ? "Zona " + zone : "Barrio El Centro"))
                .setPostalCode(place.postalCode())
                .build();
    }

    private static String fullName(PersonName name) {
        return name.getGivenNames() + " " + name.getFirstSurname()
                + (name.getSecondSurname() == null ? "" : " " + name.getSecondSurname());
    }

    private static Instant at(LocalDate date, int hour, int minute) {
        // Office hours in Guatemala (UTC-6), recorded as UTC instants.
        return date.atTime(hour, minute).toInstant(ZoneOffset.ofHours(-6));
    }

    private static BigDecimal quetzales(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static String serialNumber(String prefix, int year, String place, long number) {
        return String.format("%s%d-%s-%07d", prefix, year, place, number);
    }

    // ------------------------------------------------------------------------------------------- RENAP

    private static BirthRegistered birthRegistered(int i) {
        Place born = place(i, 0);
        Place motherBorn = place(i, 5);
        Place fatherBorn = place(i, 9);
        Sex sex = sex(i);
        LocalDate birthDate = BASE_DATE.minusDays(2 + i % 25);
        LocalDate registered = birthDate.plusDays(3 + i % 9);
        PersonName mother = name(i, 1, Sex.FEMALE);
        boolean fatherDeclared = i % 4 != 3;
        PersonName father = fatherDeclared ? name(i, 2, Sex.MALE) : null;
        PersonName child = PersonName.newBuilder()
                .setGivenNames(pick(sex == Sex.FEMALE ? FEMALE_NAMES : MALE_NAMES, i, 4))
                .setFirstSurname(fatherDeclared ? father.getFirstSurname() : mother.getFirstSurname())
                .setSecondSurname(fatherDeclared ? mother.getFirstSurname() : mother.getSecondSurname())
                .build();
        boolean home = i % 5 == 4;
        return BirthRegistered.newBuilder()
                .setRegistrationNumber(serialNumber("", registered.getYear(), born.department() + born.municipality(), 4_512L + i))
                .setBook(home ? 125 + i % 10 : null)
                .setFolio(home ? 1 + (i * 13) % 300 : null)
                .setEntry(home ? 1 + i % 4 : null)
                .setChildCui(Identifiers.cui(10_000L + i, born.department(), born.municipality()))
                .setChildName(child)
                .setSex(sex)
                .setDateOfBirth(birthDate)
                .setTimeOfBirth(LocalTime.of((5 + i * 7) % 24, (i * 17) % 60))
                .setPlaceOfBirth(born.location(home ? "Aldea Chichavac" : null))
                .setBirthPlaceType(home ? BirthPlaceType.HOME : BirthPlaceType.PUBLIC_HOSPITAL)
                .setBirthAttendant(home ? BirthAttendant.MIDWIFE : BirthAttendant.PHYSICIAN)
                .setFacilityName(home ? null : "Hospital Nacional de " + born.municipalityName())
                .setMotherCui(Identifiers.cui(20_000L + i, motherBorn.department(), motherBorn.municipality()))
                .setMotherName(mother)
                .setFatherCui(fatherDeclared ? Identifiers.cui(30_000L + i, fatherBorn.department(), fatherBorn.municipality()) : null)
                .setFatherName(father)
                .setRegistrationOffice(office(InstitutionCode.RENAP, "Registro Civil de las Personas", born))
                .setRegisteredAt(at(registered, 9 + i % 7, (i * 11) % 60))
                .build();
    }

    private static DeathRegistered deathRegistered(int i) {
        Place born = place(i, 2);
        Place died = place(i, 6);
        Sex sex = sex(i + 1);
        LocalDate dateOfBirth = LocalDate.of(1935 + (i * 7) % 55, 1 + i % 12, 1 + (i * 3) % 28);
        LocalDate dateOfDeath = BASE_DATE.minusDays(1 + i % 20);
        boolean hospital = i % 3 != 2;
        return DeathRegistered.newBuilder()
                .setRegistrationNumber(serialNumber("", dateOfDeath.getYear(), died.department() + died.municipality(), 1_377L + i))
                .setBook(null)
                .setFolio(null)
                .setEntry(null)
                .setDeceasedCui(Identifiers.cui(40_000L + i, born.department(), born.municipality()))
                .setDeceasedName(name(i, 3, sex))
                .setSex(sex)
                .setDateOfBirth(dateOfBirth)
                .setDateOfDeath(dateOfDeath)
                .setTimeOfDeath(LocalTime.of((i * 5) % 24, (i * 23) % 60))
                .setPlaceOfDeath(died.location(null))
                .setDeathPlaceType(hospital ? DeathPlaceType.HOSPITAL : DeathPlaceType.HOME)
                .setCauseOfDeathIcd10(pick(List.of("I21.9", "E11.9", "J18.9", "C16.9", "N18.5", "I64"), i, 0))
                .setCertifiedBy(DeathCertifier.PHYSICIAN)
                .setInformantCui(Identifiers.cui(50_000L + i, died.department(), died.municipality()))
                .setRegistrationOffice(office(InstitutionCode.RENAP, "Registro Civil de las Personas", died))
                .setRegisteredAt(at(dateOfDeath.plusDays(1 + i % 3), 10, (i * 7) % 60))
                .build();
    }

    private static DpiIssued dpiIssued(int i) {
        Place born = place(i, 3);
        Place issued = place(i, 7);
        Sex sex = sex(i);
        LocalDate issueDate = BASE_DATE.minusDays(i % 30);
        DpiIssueReason reason = pick(List.of(DpiIssueReason.values()), i, 0);
        long serial = 100_458_732L + i * 37L;
        return DpiIssued.newBuilder()
                .setCui(Identifiers.cui(60_000L + i, born.department(), born.municipality()))
                .setHolderName(name(i, 4, sex))
                .setCardSerial(Long.toString(serial))
                .setIssueDate(issueDate)
                .setExpiryDate(issueDate.plusYears(10))
                .setReason(reason)
                .setPreviousCardSerial(reason == DpiIssueReason.FIRST_ISSUE ? null : Long.toString(serial - 31_000_000L))
                .setIssuingOffice(office(InstitutionCode.RENAP, "Oficina RENAP", issued))
                .setIssuedAt(at(issueDate, 8 + i % 8, (i * 13) % 60))
                .build();
    }

    // ------------------------------------------------------------------------------------------- SAT

    private static TaxpayerRegistered taxpayerRegistered(int i) {
        Place place = place(i, 1);
        boolean individual = i % 2 == 0;
        LocalDate registered = BASE_DATE.minusDays(i % 15);
        String company = pick(COMPANIES, i, 0);
        PersonName person = name(i, 5, sex(i / 2));
        Place born = place(i, 10);
        return TaxpayerRegistered.newBuilder()
                .setNit(Identifiers.nit(70_000L + i))
                .setTaxpayerType(individual ? TaxpayerType.INDIVIDUAL : TaxpayerType.COMPANY)
                .setLegalName(individual ? fullName(person) : company + ", S.A.")
                .setTradeName(individual ? (i % 4 == 0 ? "Tienda " + person.getFirstSurname() : null) : company)
                .setCui(individual ? Identifiers.cui(80_000L + i, born.department(), born.municipality()) : null)
                .setVatRegime(individual ? VatRegime.SMALL_TAXPAYER : VatRegime.GENERAL)
                .setIncomeTaxRegime(individual ? null : IncomeTaxRegime.PROFITS)
                .setEconomicActivityCode(individual ? "4711" : pick(List.of("0127", "1410", "5210", "6201", "4100", "1050", "5510"), i, 0))
                .setFiscalAddress(address(i, 2, place))
                .setEmail(individual ? null : "contabilidad@" + company.toLowerCase().replaceAll("[^a-z]", "") + ".com.gt")
                .setRegistrationDate(registered)
                .setStatus(TaxpayerStatus.ACTIVE)
                .setRegisteredAt(at(registered, 11, (i * 7) % 60))
                .build();
    }

    private static TaxpayerStatusChanged taxpayerStatusChanged(int i) {
        LocalDate effective = BASE_DATE.minusDays(i % 10);
        boolean reactivation = i % 3 == 2;
        return TaxpayerStatusChanged.newBuilder()
                .setNit(Identifiers.nit(90_000L + i))
                .setPreviousStatus(reactivation ? TaxpayerStatus.BLOCKED : TaxpayerStatus.ACTIVE)
                .setNewStatus(reactivation ? TaxpayerStatus.ACTIVE : TaxpayerStatus.BLOCKED)
                .setReason(reactivation ? StatusChangeReason.REACTIVATION : StatusChangeReason.OMITTED_RETURNS)
                .setReasonDetail(reactivation
                        ? "Presentó las declaraciones omitidas y pagó la multa correspondiente"
                        : "Omisión de declaraciones de IVA de enero a junio de " + effective.getYear())
                .setResolutionNumber(String.format("SAT-IRG-%d-%04d", effective.getYear(), 1_187 + i))
                .setEffectiveDate(effective)
                .setChangedAt(at(effective, 7, (i * 3) % 60))
                .build();
    }

    // ------------------------------------------------------------------------------------------- Registro Mercantil

    private static CompanyRegistered companyRegistered(int i) {
        Place place = place(i, 4);
        Place representativeBorn = place(i, 8);
        String company = pick(COMPANIES, i, 3);
        boolean anonima = i % 3 != 1;
        LocalDate registered = BASE_DATE.minusDays(i % 12);
        long authorised = anonima ? 50_000_000L + i * 10_000_000L : 0L;
        return CompanyRegistered.newBuilder()
                .setRegistrationNumber(Long.toString(108_245L + i))
                .setBook(215 + i / 50)
                .setFolio(1 + (i * 3) % 500)
                .setCompanyName(company + (anonima ? ", Sociedad Anónima" : ", Sociedad de Responsabilidad Limitada"))
                .setTradeName(company)
                .setCompanyType(anonima ? CompanyType.SOCIEDAD_ANONIMA : CompanyType.SOCIEDAD_RESPONSABILIDAD_LIMITADA)
                .setNit(Identifiers.nit(100_000L + i))
                .setAuthorisedCapital(quetzales(authorised))
                .setPaidInCapital(quetzales(anonima ? 500_000L + i * 125_050L : 2_500_000L + i * 100_000L))
                .setLegalRepresentativeCui(Identifiers.cui(110_000L + i, representativeBorn.department(), representativeBorn.municipality()))
                .setLegalRepresentativeName(name(i, 6, sex(i)))
                .setDeedNumber(40 + i)
                .setNotaryName("Lic. " + fullName(name(i, 7, Sex.MALE)))
                .setAddress(address(i, 5, place))
                .setRegisteredDate(registered)
                .setRegisteredAt(at(registered, 12, (i * 17) % 60))
                .build();
    }

    // ------------------------------------------------------------------------------------------- MSPAS

    private record Dose(Vaccine vaccine, int doseNumber, int ageInDays, String lot, String manufacturer) {
    }

    private static final List<Dose> SCHEDULE = List.of(
            new Dose(Vaccine.BCG, 1, 0, "BCG25K031", "Serum Institute of India"),
            new Dose(Vaccine.HEPATITIS_B, 1, 0, "HB25B114", "LG Chem"),
            new Dose(Vaccine.PENTAVALENT, 1, 61, "PV24A117", "Serum Institute of India"),
            new Dose(Vaccine.ROTAVIRUS, 2, 122, "RV25C009", "GlaxoSmithKline"),
            new Dose(Vaccine.PENTAVALENT, 3, 183, "PV24A117", "Serum Institute of India"),
            new Dose(Vaccine.MMR, 1, 366, "SPR25M220", "Serum Institute of India"),
            new Dose(Vaccine.MMR, 2, 548, "SPR25M220", "Serum Institute of India"),
            new Dose(Vaccine.DTP, 4, 1_461, "DTP25D077", "Biological E"));

    private static VaccinationApplied vaccinationApplied(int i) {
        Dose dose = SCHEDULE.get(i % SCHEDULE.size());
        Place place = place(i, 5);
        Place born = place;
        Sex sex = sex(i);
        LocalDate applied = BASE_DATE.minusDays(i % 14);
        LocalDate birthDate = applied.minusDays(dose.ageInDays());
        boolean newborn = dose.ageInDays() == 0;
        PersonName mother = name(i, 8, Sex.FEMALE);
        PersonName patient = newborn
                ? PersonName.newBuilder().setGivenNames("RN").setFirstSurname(mother.getFirstSurname())
                        .setSecondSurname(mother.getSecondSurname()).build()
                : name(i, 9, sex);
        PersonName nurse = name(i, 11, Sex.FEMALE);
        return VaccinationApplied.newBuilder()
                .setPatientCui(newborn ? null : Identifiers.cui(120_000L + i, born.department(), born.municipality()))
                .setPatientName(patient)
                .setPatientBirthDate(birthDate)
                .setPatientSex(sex)
                .setGuardianCui(Identifiers.cui(130_000L + i, place(i, 11).department(), place(i, 11).municipality()))
                .setVaccine(dose.vaccine())
                .setDoseNumber(dose.doseNumber())
                .setLotNumber(dose.lot())
                .setManufacturer(dose.manufacturer())
                .setHealthFacilityCode(place.department() + place.municipality() + "-" + String.format("%04d", 17 + i % 40))
                .setHealthFacilityName(newborn ? "Hospital Nacional de " + place.municipalityName() : "Centro de Salud de " + place.municipalityName())
                .setLocation(place.location(null))
                .setAppliedDate(applied)
                .setAppliedBy("Enf. " + fullName(nurse))
                .setAppliedByCui(Identifiers.cui(140_000L + i, place.department(), place.municipality()))
                .setRecordedAt(at(applied.plusDays(i % 3), 16, (i * 19) % 60))
                .build();
    }

    // ------------------------------------------------------------------------------------------- MINEDUC

    private static StudentEnrolled studentEnrolled(int i) {
        Place place = place(i, 6);
        Sex sex = sex(i);
        EducationLevel level = pick(List.of(EducationLevel.values()), i, 1);
        int grade = switch (level) {
            case PRE_PRIMARY, LOWER_SECONDARY -> 1 + i % 3;
            case PRIMARY -> 1 + i % 6;
            case UPPER_SECONDARY -> 4 + i % 3;
        };
        int age = switch (level) {
            case PRE_PRIMARY -> 3 + grade;
            case PRIMARY -> 6 + grade;
            case LOWER_SECONDARY -> 12 + grade;
            case UPPER_SECONDARY -> 11 + grade;
        };
        String levelCode = switch (level) {
            case PRE_PRIMARY -> "42";
            case PRIMARY -> "43";
            case LOWER_SECONDARY -> "45";
            case UPPER_SECONDARY -> "46";
        };
        int cycle = BASE_DATE.getYear() + 1;
        LocalDate enrolled = BASE_DATE.minusDays(i % 20);
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String studentCode = "" + letters.charAt(i % letters.length()) + (1 + i % 9) + letters.charAt((i * 7) % letters.length())
                + letters.charAt((i * 11 + 3) % letters.length()) + (i % 10) + letters.charAt((i * 13 + 5) % letters.length())
                + (i * 3 % 10);
        return StudentEnrolled.newBuilder()
                .setStudentCode(studentCode)
                .setCui(i % 6 == 5 ? null : Identifiers.cui(150_000L + i, place.department(), place.municipality()))
                .setStudentName(name(i, 12, sex))
                .setBirthDate(LocalDate.of(cycle - age, 1 + i % 12, 1 + (i * 5) % 28))
                .setSex(sex)
                .setSchoolCode(String.format("%s-%s-%04d-%s", place.department(), place.municipality(), 234 + i % 500, levelCode))
                .setSchoolName((level == EducationLevel.PRIMARY ? "Escuela Oficial Urbana Mixta No. " : "Instituto Nacional No. ")
                        + (1 + i % 20) + ", " + place.municipalityName())
                .setSchoolSector(i % 4 == 3 ? SchoolSector.PRIVATE : SchoolSector.PUBLIC)
                .setLevel(level)
                .setGrade(grade)
                .setShift(i % 3 == 1 ? SchoolShift.AFTERNOON : SchoolShift.MORNING)
                .setCycleYear(cycle)
                .setEnrolmentType(grade == 1 && level == EducationLevel.PRE_PRIMARY ? EnrolmentType.NEW : EnrolmentType.PROMOTED)
                .setLocation(place.location(null))
                .setEnrolledDate(enrolled)
                .setEnrolledAt(at(enrolled, 8 + i % 6, (i * 29) % 60))
                .build();
    }

    // ------------------------------------------------------------------------------------------- IGSS

    private static AffiliateRegistered affiliateRegistered(int i) {
        Place workplace = place(i, 7);
        Place born = place(i, 2);
        LocalDate start = BASE_DATE.minusDays(i % 30);
        String company = pick(COMPANIES, i, 5);
        boolean domestic = i % 7 == 6;
        return AffiliateRegistered.newBuilder()
                .setAffiliationNumber(Long.toString(187_340_256L + i * 1_009L))
                .setCui(Identifiers.cui(160_000L + i, born.department(), born.municipality()))
                .setAffiliateName(name(i, 13, sex(i)))
                .setAffiliateType(domestic ? AffiliateType.DOMESTIC_WORKER : AffiliateType.EMPLOYEE)
                .setEmployerNit(Identifiers.nit(170_000L + i))
                .setEmployerNumber(Long.toString(54_321L + i * 17L))
                .setEmployerName(domestic ? fullName(name(i, 14, Sex.FEMALE)) : company + ", S.A.")
                .setJobTitle(domestic ? "Trabajadora de casa particular"
                        : pick(List.of("Auxiliar de contabilidad", "Operario de planta", "Piloto repartidor", "Desarrollador de software",
                                "Vendedor de mostrador"), i, 0))
                // From around the 2026 non-agricultural minimum wage upwards.
                .setMonthlySalary(quetzales(393_000L + (i % 12) * 45_075L))
                .setStartDate(start)
                .setWorkplace(workplace.location(null))
                .setRegisteredAt(at(start.plusDays(1), 14, (i * 31) % 60))
                .build();
    }
}
