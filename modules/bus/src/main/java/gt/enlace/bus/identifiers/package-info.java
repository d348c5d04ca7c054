/**
 * Guatemalan identifiers validated at the edge of the bus: the {@link gt.enlace.bus.identifiers.Cui}
 * printed on the DPI, the tax number {@link gt.enlace.bus.identifiers.Nit}, and the
 * {@link gt.enlace.bus.identifiers.Department departments} whose codes the CUI carries.
 *
 * <p>Every type offers two entry points: {@code parse}, which returns a value or throws an
 * {@link gt.enlace.bus.identifiers.InvalidIdentifierException}, and {@code validate}, which never
 * throws and returns a {@link gt.enlace.bus.identifiers.ValidationResult}. Publishers use
 * {@code validate} to reject a record with a reason; both carry a stable
 * {@link gt.enlace.bus.identifiers.IdentifierError} code and an English message that names the rule
 * that failed and what it expected.
 */
package gt.enlace.bus.identifiers;
