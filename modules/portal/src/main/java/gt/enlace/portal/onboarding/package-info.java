/**
 * The onboarding kit: {@code /onboarding} (pick an institution and topic) and {@code /onboarding/{institution}}
 * (ready-to-run snippets for its topics in Java, Spring Boot, Python, JavaScript and curl, the CSV template, and its
 * maturity checklist with the steps the bus ticked). {@link gt.enlace.portal.onboarding.SnippetGenerator} is plain
 * Java, so the platform's tests compile and run the Java snippets against a real platform.
 */
package gt.enlace.portal.onboarding;
