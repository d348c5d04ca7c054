/** The portal's front page. */
package gt.enlace.portal.home;
