package gt.enlace.survey.instrument;

import java.util.Set;

/**
 * A headline figure of the national survey recomputed from a round: the share of responding institutions
 * whose answer to {@link #item()} contains one of {@link #values()} (for a multiple choice: any of them).
 *
 * @param id     stable id, e.g. {@code no-standards}
 * @param item   the item it reads, e.g. {@code std.guidelines}
 * @param values the canonical answers that count, e.g. {@code 0}
 * @param text   what people read
 */
public record Headline(String id, String item, Set<String> values, LocalizedText text) {
}
