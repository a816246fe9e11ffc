package org.stml.actors.pipeline;

import java.util.Locale;
import java.util.stream.LongStream;
import org.stml.model.similarity.ContextualSimilarity;

/** Reads what a {@link PipelineSetup} holds, for tests outside this package (its accessors are package-private). */
public final class PipelineSetupProbe {

    private PipelineSetupProbe() {}

    /**
     * Describes everything a setup hands to the actors: sizes, seed, lag, cadences, views, the similarity, the
     * training transform, the rebuilder, the training set and the EMA momentum at a few steps.
     *
     * @param setup the setup
     * @return the description
     */
    public static String describe(PipelineSetup setup) {
        return "PipelineSetup[batchSize=" + setup.batchSize() + ", views=" + setup.views() + ", seed=" + setup.seed()
                + ", maxTeacherLag=" + setup.maxTeacherLag() + ", teacherInstances=" + setup.teacherInstances()
                + ", batchWindow=" + setup.batchWindow() + ", rebuildEvery=" + setup.rebuildEvery()
                + ", maxConsecutiveSkips=" + setup.maxConsecutiveSkips() + ", quarantine=" + setup.quarantine()
                + ", evaluateEvery=" + setup.evaluateEvery() + ", evaluates=" + (setup.evaluation() != null)
                + ", similarity=" + setup.similarity() + ", transform=" + setup.transform()
                + ", rebuilder=" + setup.rebuilder() + ", dataset=" + setup.dataset().name() + " ("
                + setup.dataset().size() + " images), momentum=" + momentumSamples(setup) + "]";
    }

    /**
     * Returns the similarity the teacher-inference actors label with.
     *
     * @param setup the setup
     * @return its similarity
     */
    public static ContextualSimilarity similarity(PipelineSetup setup) {
        return setup.similarity();
    }

    /** The momentum at steps 0, 1, 10, 100, 1000 and 10000: tells constant from cosine and the cosine's length. */
    private static String momentumSamples(PipelineSetup setup) {
        return LongStream.of(0, 1, 10, 100, 1_000, 10_000)
                .mapToObj(step -> String.format(Locale.ROOT, "%.9f", setup.momentum().momentum(step)))
                .toList().toString();
    }
}
