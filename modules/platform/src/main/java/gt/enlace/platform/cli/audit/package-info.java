/**
 * Proof and audit commands: {@code enlace verify} (who published a record, and is its signature good) and
 * {@code enlace audit verify|list} (the hash-chained audit log).
 */
package gt.enlace.platform.cli.audit;
