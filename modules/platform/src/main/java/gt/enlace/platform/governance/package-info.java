/** Governance the platform applies at start: the catalog's schemas and compatibility levels in the registry. */
package gt.enlace.platform.governance;
