/** How messages between pipeline actors are made to cross a process boundary. */
package org.stml.actors.transport;
