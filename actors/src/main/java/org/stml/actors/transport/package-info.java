/**
 * The wire format of the messages between pipeline actors: Kryo through a hand-written Pekko serializer
 * ({@link org.stml.actors.transport.KryoWireSerializer}, bound in {@code reference.conf} to the marker
 * {@link org.stml.actors.transport.WireMessage}), over an explicit, versioned, hashed table of registered classes
 * ({@link org.stml.actors.transport.WireProtocol}; the pipeline's is
 * {@link org.stml.actors.transport.StmlWireProtocol#CURRENT}).
 *
 * <p>A frame is a small header — magic bytes, protocol version, registration id — and the message: records
 * component by component in declaration order, primitive arrays and tensors as their length and raw little-endian
 * bytes copied in bulk, typed actor references as resolvable paths. Bad frames and unregistered classes are dropped
 * with one log line each and counted in {@code stml.transport.dropped}.
 */
package org.stml.actors.transport;
