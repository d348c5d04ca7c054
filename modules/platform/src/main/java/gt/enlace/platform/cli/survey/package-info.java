/**
 * {@code enlace survey}: the command-line route of the interoperability survey — {@code template} writes the empty
 * spreadsheet, {@code import} validates a filled one row by row and publishes the valid responses.
 */
package gt.enlace.platform.cli.survey;
