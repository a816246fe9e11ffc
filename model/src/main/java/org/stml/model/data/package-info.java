/**
 * Data for STML: for now the built-in synthetic image generator that needs no files; the dataset readers,
 * decoding, augmentations and the nearest-neighbour batch sampler come with the data issue.
 */
package org.stml.model.data;
