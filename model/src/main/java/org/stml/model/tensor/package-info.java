/**
 * Tensors in host memory: {@link org.stml.model.tensor.HostTensor} (a shape, an element type and raw little-endian
 * bytes) and {@link org.stml.model.tensor.HostWeights} (a numbered set of named tensors: every parameter of a
 * network, BatchNorm running statistics included). They hold no native memory, so they can be kept, shared and sent
 * between threads or processes freely; the receiver turns them into NDArrays on its own device.
 */
package org.stml.model.tensor;
