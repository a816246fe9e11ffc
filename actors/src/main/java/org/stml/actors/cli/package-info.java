/** The {@code stml} command line: {@code train} on the built-in synthetic data or a dataset layout. */
package org.stml.actors.cli;
