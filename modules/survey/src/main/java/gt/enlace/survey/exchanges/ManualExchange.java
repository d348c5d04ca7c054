package gt.enlace.survey.exchanges;

import java.time.LocalDate;

import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;

/**
 * A validated manual-exchange declaration.
 *
 * @param institution the declaring institution's code
 * @param counterpart the other institution's code
 * @param direction   sent or received
 * @param records     records exchanged, 1 or more
 * @param medium      how they travelled
 * @param date        local date of the exchange
 * @param description free text, or null
 */
public record ManualExchange(String institution, String counterpart, ExchangeDirection direction, int records,
                             ExchangeMedium medium, LocalDate date, String description) {
}
