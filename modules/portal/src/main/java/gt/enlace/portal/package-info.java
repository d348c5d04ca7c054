/**
 * The portal: Enlace's web pages for people (evaluators, clerks, integrators). Spanish by default, English with
 * {@code ?lang=en} (remembered in a cookie). Pages are rendered on the server with Thymeleaf and read without
 * JavaScript; charts are progressive enhancement over an accessible table. Each feature lives in its own package
 * ({@code dashboard}, {@code catalog}, {@code upload}, {@code onboarding}, ...) with its own message bundle under
 * {@code portal/i18n/}; the portal calls the other modules' services and owns no business rules.
 */
package gt.enlace.portal;
