/**
 * One stml node: the single {@link org.apache.pekko.actor.typed.ActorSystem} of a process
 * ({@link org.stml.actors.node.StmlNode}), configured by the Config it is given, under whose guardian every run's
 * actors are spawned and stopped. A run, and each roll-back of it, is a subtree of that system, never a system of its
 * own.
 */
package org.stml.actors.node;
