/**
 * Readers of the on-disk dataset layouts: CUB-200-2011, Cars196, Stanford Online Products, a generic class-per-folder
 * layout, the Omniglot background zips, CIFAR-10 as JPEG folders, and any folder of unlabelled images.
 *
 * <p>{@link org.stml.model.data.layout.DatasetLayouts#open} selects a layout by name and returns a
 * {@link org.stml.model.data.DatasetSplit}. Readers list files (or archive entries) and labels and check the layout;
 * they decode nothing and print nothing. Labels are 0-based and global: a held-out set keeps the labels of its
 * classes (CUB test is 100–199). Records come in a deterministic order. Bad input fails with a one-line
 * {@link org.stml.model.data.layout.DatasetLayoutException} that names the path and what was expected there.
 * {@link org.stml.model.data.layout.DatasetLayouts#verifyPublishedCounts} compares a loaded benchmark with its
 * published counts.
 */
package org.stml.model.data.layout;
