package gt.enlace.survey.pilot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import gt.enlace.bus.headers.Channel;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.exchanges.ManualExchange;
import gt.enlace.survey.instrument.ChoiceOption;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;

/**
 * Builds the <b>synthetic</b> pilot (deterministic: {@link #SEED}): fifteen institutions of the catalog answer the
 * questionnaire in a {@value #BASELINE_ROUND} round shaped like the national survey of 2025 (about 75% without
 * data-sharing guidelines, mostly manual exchange, legal, security and confidentiality barriers); six of them, the
 * ones that own catalog topics, then move to the bus and answer a {@value #FOLLOW_UP_ROUND} round; the bus traffic
 * of those six (SDK, gateway, CSV bridge) and eight weeks of declared manual exchanges between all fifteen match
 * the story. The design and the numbers are explained in {@code docs/maturity.md} ("The synthetic pilot").
 *
 * <p>Only what the instrument's headline figures and the story depend on is fixed per institution (guidelines, main
 * exchange medium, barriers, formats); every other item is drawn around the institution's maturity with the seeded
 * random generator, so the plan follows the instrument file if items are added.
 */
public final class SyntheticPilot {

    /** The seed of every random choice: the same plan on every run. */
    public static final long SEED = 20_251_126L;
    /** The baseline round, before the pilot. */
    public static final String BASELINE_ROUND = "2025-baseline";
    /** The follow-up round, after six institutions moved to the bus. */
    public static final String FOLLOW_UP_ROUND = "2026-pilot";
    /** The respondent of every synthetic response. */
    public static final String RESPONDENT = "Sintético — demostración";
    /** The source system ({@code ce_source=/gt/<institution>/<system>}) of every synthetic bus event. */
    public static final String SOURCE_SYSTEM = "demo-sintetico";
    /** Every synthetic manual exchange's description starts with this. */
    public static final String DESCRIPTION_PREFIX = "[Sintético] ";
    /** Weeks of declared manual exchanges, ending today. */
    public static final int WEEKS = 8;
    /** Weeks before today when the six institutions moved to the bus. */
    public static final int MOVED_WEEKS_AGO = 3;

    private static final String GUIDELINES = "std.guidelines";
    private static final String FORMATS = "std.formats";
    private static final String MAIN_MEDIUM = "exc.main-medium";
    private static final String MEDIA = "exc.media";
    private static final String DIGITAL_SHARE = "exc.digital-share";
    private static final String BARRIERS = "sec.barriers";

    /** How an institution that moved publishes: channel, then topic → events. */
    private record Move(Channel channel, Map<String, Integer> events) {
    }

    /**
     * One institution's fixed traits.
     *
     * @param maturity baseline maturity on the Likert scale (0–4) around which unfixed items are drawn
     */
    private record Profile(String code, double maturity, int guidelines, String mainMedium, String barriers,
                           Move move, int followUpGuidelines) {
    }

    /** A manual flow between two institutions, declared weekly. */
    private record Flow(String from, String to, ExchangeMedium medium, int records, String description) {
    }

    private static final List<Profile> PROFILES = List.of(
            new Profile("renap", 1.6, 2, "paper", "legal|confidentiality", new Move(Channel.SDK, Map.of(
                    "gt.renap.birth-registered.v1", 120, "gt.renap.death-registered.v1", 40,
                    "gt.renap.dpi-issued.v1", 30)), 3),
            new Profile("sat", 2.2, 2, "web-services", "security|technical", new Move(Channel.GATEWAY, Map.of(
                    "gt.sat.taxpayer-registered.v1", 80, "gt.sat.taxpayer-status-changed.v1", 20)), 3),
            new Profile("rm", 1.0, 0, "usb", "legal|budget", new Move(Channel.CSV_BRIDGE, Map.of(
                    "gt.rm.company-registered.v1", 50)), 2),
            new Profile("rgp", 0.8, 0, "paper", "legal|security", null, 0),
            new Profile("mspas", 1.2, 0, "spreadsheet", "confidentiality|security|technical", new Move(Channel.GATEWAY,
                    Map.of("gt.mspas.vaccination-applied.v1", 90)), 2),
            new Profile("igss", 1.4, 0, "email", "confidentiality|legal", new Move(Channel.SDK, Map.of(
                    "gt.igss.affiliate-registered.v1", 60)), 2),
            new Profile("mineduc", 1.0, 0, "spreadsheet", "budget|technical", new Move(Channel.CSV_BRIDGE, Map.of(
                    "gt.mineduc.student-enrolled.v1", 150)), 1),
            new Profile("mp", 0.9, 0, "paper", "legal|confidentiality", null, 0),
            new Profile("pnc", 0.7, 0, "paper", "security|legal", null, 0),
            new Profile("ine", 2.0, 2, "email", "technical|budget", null, 2),
            new Profile("segeplan", 1.3, 0, "email", "budget", null, 0),
            new Profile("cgc", 1.1, 0, "email", "legal|confidentiality", null, 0),
            new Profile("oj", 0.8, 0, "paper", "legal|security|confidentiality", null, 0),
            new Profile("minfin", 2.5, 3, "web-services", "security", null, 3),
            new Profile("tse", 1.0, 0, "usb", "confidentiality|security", null, 0));

    private static final List<Flow> FLOWS = List.of(
            new Flow("renap", "mineduc", ExchangeMedium.PAPER, 300, "Certificados de nacimiento para inscripción escolar"),
            new Flow("renap", "tse", ExchangeMedium.EMAIL, 80, "Defunciones para depurar el padrón electoral"),
            new Flow("sat", "minfin", ExchangeMedium.SPREADSHEET, 150, "Contribuyentes inscritos"),
            new Flow("rm", "sat", ExchangeMedium.USB, 60, "Sociedades inscritas"),
            new Flow("mspas", "ine", ExchangeMedium.SPREADSHEET, 400, "Vacunas aplicadas por municipio"),
            new Flow("igss", "minfin", ExchangeMedium.EMAIL, 120, "Afiliados y patronos"),
            new Flow("mineduc", "ine", ExchangeMedium.SPREADSHEET, 500, "Estudiantes inscritos por establecimiento"),
            new Flow("pnc", "mp", ExchangeMedium.PAPER, 90, "Denuncias e incidentes"),
            new Flow("mp", "oj", ExchangeMedium.PAPER, 40, "Expedientes de casos"),
            new Flow("oj", "pnc", ExchangeMedium.PAPER, 60, "Constancias de antecedentes penales"),
            new Flow("cgc", "minfin", ExchangeMedium.EMAIL, 30, "Declaraciones patrimoniales de funcionarios"),
            new Flow("segeplan", "minfin", ExchangeMedium.SPREADSHEET, 25, "Proyectos de inversión pública"),
            new Flow("tse", "renap", ExchangeMedium.USB, 200, "Padrón electoral actualizado"),
            new Flow("rgp", "sat", ExchangeMedium.PAPER, 70, "Inmuebles y gravámenes"),
            new Flow("ine", "segeplan", ExchangeMedium.EMAIL, 15, "Proyecciones de población"),
            new Flow("minfin", "segeplan", ExchangeMedium.EMAIL, 40, "Ejecución presupuestaria por programa"));

    private SyntheticPilot() {
    }

    /**
     * The plan. Institutions or topics missing from {@code catalog} are left out, so a trimmed catalog still gets a
     * consistent (smaller) pilot.
     *
     * @param catalog    the topic catalog (institutions and topics)
     * @param instrument the questionnaire the answers follow
     * @param today      the last day of declared manual exchanges (Guatemala's calendar); none is later
     */
    public static PilotPlan plan(TopicCatalog catalog, Instrument instrument, LocalDate today) {
        Random random = new Random(SEED);
        Set<String> known = new java.util.HashSet<>();
        catalog.institutions().forEach(i -> known.add(i.code()));
        List<Profile> profiles = PROFILES.stream().filter(p -> known.contains(p.code())).toList();
        List<String> codes = profiles.stream().map(Profile::code).toList();

        List<PilotPlan.PlannedResponse> responses = new ArrayList<>();
        for (Profile p : profiles) {
            responses.add(new PilotPlan.PlannedResponse(p.code(), BASELINE_ROUND, answers(instrument, p, false, random)));
        }
        for (Profile p : profiles) {
            responses.add(new PilotPlan.PlannedResponse(p.code(), FOLLOW_UP_ROUND, answers(instrument, p, true, random)));
        }

        List<PilotPlan.Publication> publications = new ArrayList<>();
        for (Profile p : profiles) {
            if (p.move() == null) {
                continue;
            }
            p.move().events().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> catalog.topic(e.getKey()).isPresent())
                    .forEach(e -> publications.add(new PilotPlan.Publication(p.code(), e.getKey(), p.move().channel(),
                            0, e.getValue())));
        }

        Set<String> moved = new java.util.HashSet<>();
        publications.forEach(pub -> moved.add(pub.institution()));
        List<ManualExchange> exchanges = new ArrayList<>();
        for (int weeksAgo = WEEKS - 1; weeksAgo >= 0; weeksAgo--) {
            for (Flow flow : FLOWS) {
                if (!known.contains(flow.from()) || !known.contains(flow.to())) {
                    continue;
                }
                double scale = 0.7 + 0.6 * random.nextDouble();
                int dayOffset = random.nextInt(5);
                boolean afterMove = weeksAgo <= MOVED_WEEKS_AGO && moved.contains(flow.from());
                if (afterMove) {
                    // The flow moved to the bus; a few stragglers still go the old way every other week.
                    if (random.nextBoolean()) {
                        continue;
                    }
                    scale *= 0.15;
                }
                int records = Math.max(1, (int) Math.round(flow.records() * scale));
                LocalDate date = today.minusDays(weeksAgo * 7L + dayOffset);
                exchanges.add(new ManualExchange(flow.from(), flow.to(), ExchangeDirection.SENT, records, flow.medium(),
                        date, DESCRIPTION_PREFIX + flow.description()));
            }
        }
        exchanges.sort(Comparator.comparing(ManualExchange::date));
        return new PilotPlan(codes, responses, publications, exchanges);
    }

    private static Map<String, String> answers(Instrument instrument, Profile p, boolean followUp, Random random) {
        boolean moved = followUp && p.move() != null;
        double maturity = Math.min(4, p.maturity() + (moved ? 1.4 : followUp ? 0.1 : 0));
        Map<String, String> answers = new LinkedHashMap<>();
        for (Item item : instrument.items()) {
            int jitter = random.nextInt(3) - 1;
            String value = switch (item.id()) {
                case GUIDELINES -> String.valueOf(followUp ? p.followUpGuidelines() : p.guidelines());
                case MAIN_MEDIUM -> moved ? "bus" : p.mainMedium();
                case MEDIA -> moved ? "bus|" + secondary(p.mainMedium()) : p.mainMedium() + "|" + secondary(p.mainMedium());
                case FORMATS -> moved ? "avro|csv" : (followUp ? p.followUpGuidelines() : p.guidelines()) == 0 ? "none"
                        : p.maturity() >= 2.4 ? "csv|xml" : "csv";
                case BARRIERS -> moved && p.barriers().contains("technical") ? p.barriers().replace("|technical", "")
                        : p.barriers();
                case DIGITAL_SHARE -> String.valueOf(moved ? 3 : clamp((int) Math.round(maturity) - 1 + jitter, 0, 2));
                default -> generic(item, maturity, jitter);
            };
            if (value != null && item.read(value).valid()) {
                answers.put(item.id(), item.read(value).canonical().orElse(value));
            } else {
                answers.put(item.id(), generic(item, maturity, jitter));
            }
        }
        return answers;
    }

    private static String secondary(String mainMedium) {
        return switch (mainMedium) {
            case "paper" -> "email";
            case "email", "usb" -> "spreadsheet";
            case "spreadsheet" -> "email";
            default -> "email";
        };
    }

    private static String generic(Item item, double maturity, int jitter) {
        return switch (item.type()) {
            case LIKERT -> String.valueOf(clamp((int) Math.round(maturity) + jitter, 0, Item.LIKERT_MAX));
            case YES_NO -> (maturity + jitter >= 2) != item.reverse() ? "yes" : "no";
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                double target = (maturity + jitter) * 25;
                yield item.options().stream().min(Comparator.comparingDouble((ChoiceOption o) -> Math.abs(o.score() - target)))
                        .orElseThrow().code();
            }
        };
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
