package org.stml.model.optim;

/**
 * Plain double-precision AdamP on one parameter, written from docs/ALGORITHM.md §8.2 steps 1–8 independently of
 * {@link AdamP}, as the oracle of the tests.
 */
final class ReferenceAdamP {

    /** Which view, if any, the projection used in the last step. */
    enum View {
        NONE,
        CHANNEL,
        LAYER
    }

    private final double lr;
    private final double weightDecay;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final double delta;
    private final double wdRatio;
    private final boolean nesterov;
    private final boolean projection;

    private final long[] shape;
    private final double[] p;
    private final double[] m;
    private final double[] v;
    private int t;
    private View lastView = View.NONE;

    ReferenceAdamP(long[] shape, float[] initial, double lr, double weightDecay, double delta, double wdRatio,
            boolean nesterov, boolean projection) {
        this.shape = shape.clone();
        this.p = new double[initial.length];
        for (int i = 0; i < initial.length; i++) {
            p[i] = initial[i];
        }
        this.m = new double[p.length];
        this.v = new double[p.length];
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.delta = delta;
        this.wdRatio = wdRatio;
        this.nesterov = nesterov;
        this.projection = projection;
    }

    void step(float[] gradient) {
        int n = p.length;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = gradient[i];
        }
        t++;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
            u[i] = nesterov ? (beta1 * m[i] + (1 - beta1) * g[i]) / denom : m[i] / denom;
        }
        double step = lr / (1 - Math.pow(beta1, t));

        double ratio = 1;
        lastView = View.NONE;
        if (projection && shape.length >= 2) {
            if (tryProject((int) shape[0], g, u)) {
                lastView = View.CHANNEL;
                ratio = wdRatio;
            } else if (tryProject(1, g, u)) {
                lastView = View.LAYER;
                ratio = wdRatio;
            }
        }
        for (int i = 0; i < n; i++) {
            p[i] = p[i] * (1 - lr * weightDecay * ratio);
            p[i] = p[i] - step * u[i];
        }
    }

    /** Projects {@code u} in place if the view of {@code rows} rows qualifies. */
    private boolean tryProject(int rows, double[] g, double[] u) {
        int cols = p.length / rows;
        double maxCos = 0;
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            double gg = 0;
            double pp = 0;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                dot += g[i] * p[i];
                gg += g[i] * g[i];
                pp += p[i] * p[i];
            }
            double cos = Math.abs(dot) / (Math.max(Math.sqrt(gg), 1e-8) * Math.max(Math.sqrt(pp), 1e-8));
            maxCos = Math.max(maxCos, cos);
        }
        if (!(maxCos < delta / Math.sqrt(cols))) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            double pp = 0;
            for (int c = 0; c < cols; c++) {
                pp += p[r * cols + c] * p[r * cols + c];
            }
            double norm = Math.sqrt(pp) + eps;
            double radial = 0;
            for (int c = 0; c < cols; c++) {
                radial += p[r * cols + c] / norm * u[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                u[r * cols + c] -= p[r * cols + c] / norm * radial;
            }
        }
        return true;
    }

    double[] weights() {
        return p.clone();
    }

    View lastView() {
        return lastView;
    }
}
