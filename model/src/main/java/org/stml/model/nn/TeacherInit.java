package org.stml.model.nn;

/** How the teacher network gets its initial weights (docs/ALGORITHM.md §2.4 and defect D9 of §14). */
public enum TeacherInit {

    /**
     * The reference behaviour: the teacher is initialised independently, with the random draws that follow the
     * student's, so its g head (and a from-scratch backbone) differs from the student's at step 0.
     */
    INDEPENDENT,

    /** A deliberate deviation: after its own initialisation the teacher receives a copy of every student entry. */
    COPY_OF_STUDENT
}
