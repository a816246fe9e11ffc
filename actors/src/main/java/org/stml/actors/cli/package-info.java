/**
 * The {@code stml} command line: {@code train} (the actor pipeline on the built-in synthetic data or a dataset
 * layout, with its run directory, progress line, checkpoints, roll-backs and metrics exporter), {@code eval},
 * {@code embed} and {@code resume}.
 */
package org.stml.actors.cli;
