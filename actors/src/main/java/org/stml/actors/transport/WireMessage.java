package org.stml.actors.transport;

/**
 * Marks a message that travels between pipeline actors, in one JVM with {@code serialize-messages = on} or between
 * nodes over Artery: {@code reference.conf} binds this interface to the {@link KryoWireSerializer}. A class that
 * implements it must be a record (or an enum) registered in {@link StmlWireProtocol#CURRENT}; sending one that is
 * not is refused, counted and logged once.
 */
public interface WireMessage {}
