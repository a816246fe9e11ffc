/**
 * Real images for STML: decoding ({@link org.stml.model.data.image.DefaultImageDecoder}), the reference's views
 * ({@link org.stml.model.data.image.TrainTransform} with {@link org.stml.model.data.image.RandomResizedCrop},
 * {@link org.stml.model.data.image.EvalTransform}, {@link org.stml.model.data.image.SquashTransform}) with PIL's
 * bilinear resampling, the {@link org.stml.model.data.image.Normalization}s of the backbones, and a
 * {@link org.stml.model.data.image.ParallelImageLoader} that fills view-major host batches of 8-bit pixels on a
 * bounded pool, skipping unreadable images once ({@link org.stml.model.data.image.CorruptImageRegistry}). Batches
 * stay uint8 on the host and between actors; {@link org.stml.model.data.image.HostBatch#toNetworkInput} normalises
 * them on the receiving device.
 */
package org.stml.model.data.image;
