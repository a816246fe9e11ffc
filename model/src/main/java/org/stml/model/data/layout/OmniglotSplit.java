package org.stml.model.data.layout;

/** How the Omniglot characters (the classes) are divided into a training and a held-out half. */
public enum OmniglotSplit {

    /** Characters in sorted (alphabet, character) order: even positions train, odd positions held out. */
    ALTERNATE_CHARACTERS,

    /** Whole alphabets: the first half of the alphabets in sorted order train, the rest held out. */
    BY_ALPHABET
}
