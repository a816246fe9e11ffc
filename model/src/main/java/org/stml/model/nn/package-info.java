/**
 * The STML networks (docs/ALGORITHM.md §2): backbones chosen by name ({@link org.stml.model.nn.Backbones}), the
 * embedding network with GAP + GMP pooling and the two orthogonally initialised linear heads g and f
 * ({@link org.stml.model.nn.EmbeddingNetwork}), and the factory that builds the student and its independently
 * initialised teacher ({@link org.stml.model.nn.StmlNetworks}).
 *
 * <p>All blocks are plain DJL {@link ai.djl.nn.Block}s. Parameter names are deterministic and identical between a
 * student and a teacher built from the same backbone, which is what the EMA teacher update pairs them by.
 */
package org.stml.model.nn;
