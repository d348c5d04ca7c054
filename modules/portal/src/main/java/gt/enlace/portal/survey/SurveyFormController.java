package gt.enlace.portal.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.exchanges.ManualExchangeValidator;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;
import gt.enlace.survey.instrument.ItemType;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.SurveyPublisher;
import gt.enlace.survey.scoring.MaturityLevel;
import gt.enlace.bus.http.ApiError;
import gt.enlace.survey.web.SubmissionsController;
import gt.enlace.survey.web.SurveyApiException;
import gt.enlace.survey.web.SurveyReports;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The survey's web forms: the questionnaire ({@code /survey}) and the manual exchange log
 * ({@code /survey/manual-exchanges}). Both submit through the survey API's own submission path
 * ({@link SubmissionsController}), so a form answer is validated, published and scored exactly like an API call;
 * errors come back per field and are shown next to it, with what was typed kept.
 */
@Controller
class SurveyFormController {

    /** Form fields that are not answers. */
    private static final Set<String> RESPONSE_FIELDS = Set.of("institution", "round", "respondent");

    private final ObjectProvider<Instrument> instrument;
    private final ObjectProvider<SurveyReports> reports;
    private final ObjectProvider<SubmissionsController> submissions;
    private final ObjectProvider<ResponseView> responses;
    private final MessageSource messages;

    SurveyFormController(ObjectProvider<Instrument> instrument, ObjectProvider<SurveyReports> reports,
                         ObjectProvider<SubmissionsController> submissions, ObjectProvider<ResponseView> responses,
                         MessageSource messages) {
        this.instrument = instrument;
        this.reports = reports;
        this.submissions = submissions;
        this.responses = responses;
        this.messages = messages;
    }

    private static <T> T required(ObjectProvider<T> provider) {
        T bean = provider.getIfAvailable();
        if (bean == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the survey role is not running here");
        }
        return bean;
    }

    // ---------------------------------------------------------------- questionnaire

    @GetMapping("/survey")
    String form(@RequestParam(required = false) String institution, @RequestParam(required = false) String round,
                Model model) {
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        if (institution != null) {
            values.add("institution", institution);
        }
        List<String> rounds = required(responses).rounds();
        values.add("round", round != null ? round : rounds.isEmpty() ? "" : rounds.get(rounds.size() - 1));
        return showForm(model, values, Map.of(), List.of());
    }

    @PostMapping("/survey")
    String submit(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        Instrument theInstrument = required(instrument);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("institution", first(params, "institution"));
        String respondent = first(params, "respondent");
        if (respondent != null && !respondent.isBlank()) {
            body.put("respondent", respondent);
        }
        body.put("origin", "web-form");
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Item item : theInstrument.items()) {
            List<String> chosen = params.getOrDefault(item.id(), List.of()).stream().filter(v -> !v.isBlank()).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            answers.put(item.id(), item.type() == ItemType.MULTIPLE_CHOICE ? chosen : chosen.get(0));
        }
        // Fields the form does not have (a stale or tampered page) are sent too, so they are reported, not dropped.
        params.forEach((key, value) -> {
            if (key.contains(".") && theInstrument.item(key).isEmpty() && !RESPONSE_FIELDS.contains(key)) {
                answers.put(key, value.isEmpty() ? "" : value.get(0));
            }
        });
        body.put("answers", answers);
        String round = first(params, "round") == null ? "" : first(params, "round").strip();
        try {
            Map<String, Object> result = required(submissions).submitResponse(round, body).getBody();
            model.addAttribute("result", result);
            model.addAttribute("institution", institution(String.valueOf(result.get("institution"))));
            model.addAttribute("round", round);
            model.addAttribute("declared", levelText((Map<?, ?>) result.get("declared")));
            List<Map<String, Object>> dims = new ArrayList<>();
            for (Object d : (List<?>) result.get("dimensions")) {
                Map<?, ?> dim = (Map<?, ?>) d;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("title", theInstrument.dimension(String.valueOf(dim.get("dimension")))
                        .map(x -> x.title().in(lang())).orElse(String.valueOf(dim.get("dimension"))));
                row.put("declared", levelText((Map<?, ?>) dim.get("declared")));
                dims.add(row);
            }
            model.addAttribute("dimensions", dims);
            return "portal/survey/submitted";
        } catch (SurveyApiException e) {
            response.setStatus(e.status().value());
            Map<String, String> errors = new LinkedHashMap<>();
            List<String> other = new ArrayList<>();
            for (ApiError.Item item : e.errors()) {
                String field = item.path().startsWith("/answers/") ? item.path().substring("/answers/".length())
                        : item.path().substring(1);
                String text = errorText(item, field);
                if (field.equals("institution") || field.equals("round") || field.equals("respondent")
                        || theInstrument.item(field).isPresent()) {
                    errors.merge(field, text, (a, b) -> a + " " + b);
                } else {
                    other.add(text);
                }
            }
            if (e.errors().isEmpty()) {
                other.add(e.getMessage());
            }
            return showForm(model, params, errors, other);
        } catch (SurveyPublisher.PublishException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return showForm(model, params, Map.of(), List.of(message("survey.error.publish")));
        }
    }

    private String showForm(Model model, MultiValueMap<String, String> params, Map<String, String> errors,
                            List<String> otherErrors) {
        Instrument theInstrument = required(instrument);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String field : RESPONSE_FIELDS) {
            values.put(field, params.getOrDefault(field, List.of()));
        }
        for (Item item : theInstrument.items()) {
            values.put(item.id(), params.getOrDefault(item.id(), List.of()));
        }
        model.addAttribute("instrument", theInstrument);
        model.addAttribute("institutions", institutions());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", otherErrors);
        model.addAttribute("errorCount", errors.size() + otherErrors.size());
        return "portal/survey/form";
    }

    // ---------------------------------------------------------------- manual exchange log

    @GetMapping("/survey/manual-exchanges")
    String exchangeForm(@RequestParam(required = false) String institution, Model model) {
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        if (institution != null) {
            values.add("institution", institution);
        }
        values.add("direction", "sent");
        values.add("date", LocalDate.now(ManualExchangeValidator.GUATEMALA).toString());
        return showExchangeForm(model, values, Map.of(), List.of());
    }

    @PostMapping("/survey/manual-exchanges")
    String declareExchange(@RequestParam MultiValueMap<String, String> params, Model model,
                           HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("institution", "counterpart", "direction", "records", "medium", "date",
                "description")) {
            body.put(field, first(params, field));
        }
        try {
            Map<String, Object> result = required(submissions).declareExchange(body).getBody();
            Object exchange = result.get("exchange");
            model.addAttribute("declared", exchange);
            if (exchange instanceof gt.enlace.survey.exchanges.ManualExchange m) {
                model.addAttribute("declaredMedium", message("survey.medium." + m.medium().name().toLowerCase(Locale.ROOT)));
            }
            MultiValueMap<String, String> next = new LinkedMultiValueMap<>();
            next.add("institution", first(params, "institution"));
            next.add("direction", "sent");
            next.add("date", first(params, "date"));
            return showExchangeForm(model, next, Map.of(), List.of());
        } catch (SurveyApiException e) {
            response.setStatus(e.status().value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (ApiError.Item item : e.errors()) {
                String field = item.path().substring(1);
                errors.merge(field, errorText(item, field), (a, b) -> a + " " + b);
            }
            return showExchangeForm(model, params, errors, e.errors().isEmpty() ? List.of(e.getMessage()) : List.of());
        } catch (SurveyPublisher.PublishException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return showExchangeForm(model, params, Map.of(), List.of(message("survey.error.publish")));
        }
    }

    private String showExchangeForm(Model model, MultiValueMap<String, String> params, Map<String, String> errors,
                                    List<String> otherErrors) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("institution", "counterpart", "direction", "records", "medium", "date",
                "description")) {
            String v = first(params, field);
            values.put(field, v == null ? "" : v);
        }
        model.addAttribute("institutions", institutions());
        model.addAttribute("media", java.util.Arrays.stream(ExchangeMedium.values())
                .map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", otherErrors);
        model.addAttribute("errorCount", errors.size() + otherErrors.size());
        model.addAttribute("today", LocalDate.now(ManualExchangeValidator.GUATEMALA).toString());
        return "portal/survey/manual-exchange";
    }

    // ---------------------------------------------------------------- helpers

    private List<Map<String, String>> institutions() {
        String lang = lang();
        List<Map<String, String>> out = new ArrayList<>();
        for (InstitutionDefinition i : required(reports).institutions()) {
            out.add(Map.of("code", i.code(), "label", i.acronym() + " — " + ("en".equals(lang) ? i.nameEn() : i.nameEs())));
        }
        return out;
    }

    private InstitutionDefinition institution(String code) {
        return required(reports).institutions().stream().filter(i -> i.code().equals(code)).findFirst().orElse(null);
    }

    /** The error in the page's language, by its stable code; the API's own message when there is no text for it. */
    private String errorText(ApiError.Item item, String field) {
        String key = "survey.error." + item.code();
        String text = messages.getMessage(key, new Object[] {field}, null, LocaleContextHolder.getLocale());
        if (text == null) {
            return item.message();
        }
        // Out-of-range and invalid values say what was expected; the API's sentence has the details.
        return item.code().equals("out-of-range") || item.code().equals("invalid-value") || item.code().equals("invalid-round")
                ? text + " (" + item.message() + ")" : text;
    }

    private String levelText(Map<?, ?> level) {
        if (level == null || level.get("level") == null) {
            return message("survey.noScore");
        }
        int number = (Integer) level.get("level");
        String name = MaturityLevel.ofNumber(number).map(l -> l.label().in(lang())).orElse("");
        return message("survey.level", number, name, level.get("score"));
    }

    private static String first(MultiValueMap<String, String> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static String lang() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "es";
    }
}
