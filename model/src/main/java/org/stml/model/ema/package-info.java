/**
 * The exponential-moving-average teacher of STML (docs/ALGORITHM.md §2.4, §5.1 step 7): teacher and student entries
 * paired by name ({@link org.stml.model.ema.ParameterPairs}), the in-place update
 * θ<sub>t</sub> ← m·θ<sub>t</sub> + (1 − m)·θ<sub>s</sub> over every parameter and BN running statistic
 * ({@link org.stml.model.ema.EmaUpdater}) and the momentum schedules ({@link org.stml.model.ema.MomentumSchedule}).
 */
package org.stml.model.ema;
