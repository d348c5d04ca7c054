/**
 * The portal's CSV upload page ({@code /upload}): a clerk picks the institution and topic, uploads a spreadsheet
 * saved as CSV, and sees what the CSV bridge ({@code gt.enlace.publisher.csv}) did with it: rows read, published and
 * rejected, each rejected row with its row number, column and reason, and the rejects file to download.
 */
package gt.enlace.portal.upload;
