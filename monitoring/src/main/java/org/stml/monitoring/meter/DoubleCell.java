package org.stml.monitoring.meter;

/** The latest value of a gauge, written by one thread and read by the scraper. */
final class DoubleCell {

    private volatile double value;

    DoubleCell(double initial) {
        this.value = initial;
    }

    double get() {
        return value;
    }

    void set(double value) {
        this.value = value;
    }
}
