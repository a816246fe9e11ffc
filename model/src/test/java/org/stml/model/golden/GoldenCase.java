package org.stml.model.golden;

/**
 * One golden case of docs/ALGORITHM.md §12: the settings and every expected number, as listed there.
 *
 * @param numNeighbors nn (k = 2·nn, h = nn)
 * @param margin δ
 * @param pairwiseRow0 W^P row 0, or null when the case lists none
 * @param contextualRow0 W^C row 0
 * @param combined the final W, row-major 8 × 8
 * @param contrastiveLow L_RC(f)
 * @param contrastiveHigh L_RC(g)
 * @param distillation KL
 * @param total the total loss
 * @param gradientLow ∂L/∂s_f[0]
 * @param gradientHigh ∂L/∂s_g[0]
 */
public record GoldenCase(
        int numNeighbors,
        float margin,
        double[] pairwiseRow0,
        double[] contextualRow0,
        double[] combined,
        double contrastiveLow,
        double contrastiveHigh,
        double distillation,
        double total,
        double[] gradientLow,
        double[] gradientHigh) {

    /** Case A: nn = 2 (k = 4, h = 2), δ = 0.9. */
    public static GoldenCase caseA() {
        return new GoldenCase(2, 0.9f,
                new double[] {1, 0.8930, 0.6648, 0.4946, 0.3945, 0.3364, 0.3091, 0.3132},
                new double[] {0.75, 0.2917, 0, 0.125, 0.7917, 0.25, 0, 0},
                new double[] {
                    0.875000, 0.592322, 0.332389, 0.309779, 0.593077, 0.293200, 0.154569, 0.156590,
                    0.592322, 0.875000, 0.572523, 0.357944, 0.429368, 0.602088, 0.311291, 0.162111,
                    0.332389, 0.572523, 0.875000, 0.590447, 0.398525, 0.450532, 0.631858, 0.327430,
                    0.309779, 0.357944, 0.590447, 0.916667, 0.601010, 0.417829, 0.486724, 0.660124,
                    0.593077, 0.429368, 0.398525, 0.601010, 0.916667, 0.603164, 0.417282, 0.397343,
                    0.293200, 0.602088, 0.450532, 0.417829, 0.603164, 0.875000, 0.600777, 0.408638,
                    0.154569, 0.311291, 0.631858, 0.486724, 0.417282, 0.600777, 0.875000, 0.618680,
                    0.156590, 0.162111, 0.327430, 0.660124, 0.397343, 0.408638, 0.618680, 0.875000
                },
                0.641988, 0.652262, 0.0014602, 0.6485853,
                new double[] {1.429812e-03, -6.831526e-03, -9.815451e-03, -5.216857e-03},
                new double[] {-5.926917e-03, -1.023818e-02, -1.012290e-02, -5.630915e-03, 1.295633e-03,
                    7.662007e-03});
    }

    /** Case B: nn = 3 (k = 6, h = 3), δ = 1.0. */
    public static GoldenCase caseB() {
        return new GoldenCase(3, 1.0f,
                null,
                new double[] {0.7, 0.5028, 0.55, 0.3278, 0.5417, 0.3944, 0.2222, 0},
                new double[] {
                    0.850000, 0.697878, 0.607389, 0.411168, 0.468077, 0.365423, 0.265680, 0.156590,
                    0.697878, 0.861111, 0.708634, 0.605166, 0.512701, 0.485421, 0.380736, 0.273222,
                    0.607389, 0.708634, 0.877778, 0.729336, 0.742970, 0.597755, 0.515191, 0.399653,
                    0.411168, 0.605166, 0.729336, 0.902778, 0.739899, 0.817829, 0.583946, 0.535124,
                    0.468077, 0.512701, 0.742970, 0.739899, 0.902778, 0.755942, 0.720060, 0.512621,
                    0.365423, 0.485421, 0.597755, 0.817829, 0.755942, 0.877778, 0.736888, 0.683638,
                    0.265680, 0.380736, 0.515191, 0.583946, 0.720060, 0.736888, 0.861111, 0.724235,
                    0.156590, 0.273222, 0.399653, 0.535124, 0.512621, 0.683638, 0.724235, 0.850000
                },
                0.744571, 0.752333, 0.0014602, 0.7499126,
                new double[] {5.272782e-04, -8.475859e-03, -1.093132e-02, -4.942246e-03},
                new double[] {-6.799168e-03, -1.113050e-02, -1.064948e-02, -5.564088e-03, 1.926971e-03,
                    8.584893e-03});
    }
}
