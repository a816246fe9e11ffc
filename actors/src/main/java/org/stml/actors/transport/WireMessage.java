package org.stml.actors.transport;

/**
 * Marks a message that may cross a process boundary: a record of host data only (primitives, strings, primitive
 * arrays, host tensors, nested registered records, actor references), never an NDArray or anything else bound to a
 * device or a JVM. Pekko serialises every such message with the project's Kryo serializer.
 */
public interface WireMessage {}
