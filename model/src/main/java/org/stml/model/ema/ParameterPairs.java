package org.stml.model.ema;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every entry of a teacher block (parameters and BN running statistics) paired with the student entry of the same
 * name. Student entries the teacher lacks, such as the f head, are left out. Built and checked once.
 */
public final class ParameterPairs {

    private final List<ParameterPair> pairs;
    private final List<String> studentOnly;

    private ParameterPairs(List<ParameterPair> pairs, List<String> studentOnly) {
        this.pairs = Collections.unmodifiableList(pairs);
        this.studentOnly = Collections.unmodifiableList(studentOnly);
    }

    /**
     * Pairs the entries of two initialised blocks by name.
     *
     * @param teacher the teacher block
     * @param student the student block
     * @return the pairs, in the teacher's parameter order
     * @throws IllegalStateException naming the entry if a teacher entry is missing from the student, if the shapes
     *     of a pair differ, or if an entry is not initialised
     */
    public static ParameterPairs byName(Block teacher, Block student) {
        Map<String, Parameter> studentEntries = new LinkedHashMap<>(student.getParameters().toMap());
        List<ParameterPair> pairs = new ArrayList<>();
        for (Pair<String, Parameter> entry : teacher.getParameters()) {
            Parameter studentEntry = studentEntries.remove(entry.getKey());
            if (studentEntry == null) {
                throw new IllegalStateException("Teacher entry " + entry.getKey() + " has no student counterpart");
            }
            pairs.add(checked(new ParameterPair(entry.getKey(), entry.getValue(), studentEntry)));
        }
        return new ParameterPairs(pairs, new ArrayList<>(studentEntries.keySet()));
    }

    private static ParameterPair checked(ParameterPair pair) {
        if (!pair.teacher().isInitialized() || !pair.student().isInitialized()) {
            throw new IllegalStateException("Entry " + pair.name() + " is not initialised");
        }
        if (!pair.teacher().getArray().getShape().equals(pair.student().getArray().getShape())) {
            throw new IllegalStateException("Entry " + pair.name() + " has teacher shape "
                    + pair.teacher().getArray().getShape() + " but student shape "
                    + pair.student().getArray().getShape());
        }
        return pair;
    }

    /**
     * Returns the pairs, in the teacher's parameter order.
     *
     * @return an unmodifiable list of pairs
     */
    public List<ParameterPair> pairs() {
        return pairs;
    }

    /**
     * Returns the names of the student entries without a teacher counterpart, which the EMA skips.
     *
     * @return an unmodifiable list of names, in the student's parameter order
     */
    public List<String> studentOnlyNames() {
        return studentOnly;
    }

    /** Overwrites every teacher entry with the values of its student entry. */
    public void copyStudentToTeacher() {
        for (ParameterPair pair : pairs) {
            pair.student().getArray().copyTo(pair.teacher().getArray());
        }
    }

    /**
     * Measures the teacher–student distance: the L2 norm of the difference over all trainable pairs taken as one
     * vector (running statistics excluded).
     *
     * @return √(Σ ‖θ<sub>t</sub> − θ<sub>s</sub>‖²) over trainable pairs
     */
    public double trainableDistance() {
        double squared = 0;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (ParameterPair pair : pairs) {
                if (!pair.isRunningStatistic()) {
                    NDArray difference = pair.teacher().getArray().sub(pair.student().getArray().stopGradient());
                    squared += difference.muli(difference).sum().getFloat();
                }
            }
        }
        return Math.sqrt(squared);
    }
}
