/**
 * The CSV bridge for institutions that still exchange spreadsheets: {@link gt.enlace.publisher.csv.CsvBridge} streams
 * a CSV file (UTF-8 with or without BOM, Windows-1252; {@code ,} {@code ;} or tab; quoted fields with line breaks),
 * maps its header to the topic's fields, validates and publishes each row, writes rejected rows to a rejects file,
 * and never publishes a row twice across re-runs. Plain Java.
 */
package gt.enlace.publisher.csv;
