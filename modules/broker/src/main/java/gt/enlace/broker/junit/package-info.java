/** JUnit 5 support: one shared embedded broker per test run. */
package gt.enlace.broker.junit;
