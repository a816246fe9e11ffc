/** The bridge from the training pipeline to the meters of the monitoring module. */
package org.stml.actors.monitoring;
