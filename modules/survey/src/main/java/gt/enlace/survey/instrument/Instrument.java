package gt.enlace.survey.instrument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version of the questionnaire: dimensions, their items and the headline figures. Immutable; load one with
 * {@link InstrumentLoader}.
 *
 * @param version    the {@code instrumentVersion} responses carry
 * @param title      what people read
 * @param dimensions in display order
 * @param headlines  the national survey's headline figures recomputed from a round
 */
public record Instrument(int version, LocalizedText title, List<Dimension> dimensions, List<Headline> headlines) {

    public Instrument {
        dimensions = List.copyOf(dimensions);
        headlines = List.copyOf(headlines);
    }

    /** Every item, dimension by dimension, in display order; the columns of the CSV template. */
    public List<Item> items() {
        return dimensions.stream().flatMap(d -> d.items().stream()).toList();
    }

    /** Items by id, in display order. */
    public Map<String, Item> itemsById() {
        Map<String, Item> byId = new LinkedHashMap<>();
        items().forEach(i -> byId.put(i.id(), i));
        return byId;
    }

    /** The item with {@code id}, if any. */
    public Optional<Item> item(String id) {
        return Optional.ofNullable(itemsById().get(id));
    }

    /** The dimension with {@code id}, if any. */
    public Optional<Dimension> dimension(String id) {
        return dimensions.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
