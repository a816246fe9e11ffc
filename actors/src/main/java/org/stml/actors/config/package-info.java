/**
 * The typed, validated settings of a run: {@link org.stml.actors.config.SettingsLoader} builds the configuration the
 * way the command line does (defaults, then {@code --config} file, then {@code -D} overrides, never JVM system
 * properties) and {@link org.stml.actors.config.StmlSettings} checks every key under {@code stml} at start-up,
 * reporting all problems at once in one {@link org.stml.actors.config.InvalidSettingsException}.
 */
package org.stml.actors.config;
