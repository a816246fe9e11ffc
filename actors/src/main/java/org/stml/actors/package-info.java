/** The Pekko runtime of stml: message protocol, behaviours, transport and the command line (a later issue). */
package org.stml.actors;
