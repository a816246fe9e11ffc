/**
 * The data side of STML, core types: an {@link org.stml.model.data.ImageDataset} is an ordered list of
 * {@link org.stml.model.data.ImageRecord}s (the position is the dataset index that the same-image boost and the
 * sampler use), each with an {@link org.stml.model.data.ImageSource} (a file, in-memory bytes, or a generator) and a
 * label used only for evaluation. Sub-packages: {@code layout} reads the real on-disk layouts, {@code image} decodes
 * and augments in parallel, {@code sampler} builds nearest-neighbour batches. The built-in
 * {@link org.stml.model.data.SyntheticDataset} needs no files.
 */
package org.stml.model.data;
