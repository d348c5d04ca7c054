package gt.enlace.survey.instrument;

import java.util.List;

/**
 * A dimension of maturity, mirroring the national survey: standards and guidelines, exchange processes,
 * security and legal framework, technical and human capacity, collaboration and strategy.
 *
 * @param id    lower-case letters, the prefix of its items' ids, e.g. {@code std}
 * @param title what people read
 * @param items in display order
 */
public record Dimension(String id, LocalizedText title, List<Item> items) {

    public Dimension {
        items = List.copyOf(items);
    }
}
