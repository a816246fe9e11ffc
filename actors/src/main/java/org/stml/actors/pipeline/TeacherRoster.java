package org.stml.actors.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The teacher-inference instances the student sends label requests to, in turn, as the receptionist lists them.
 * Only instances of the student's own run count (the run decides which those are), so that a listing that still holds
 * the stopped teachers of an earlier run on the same node (before a roll-back) does not put them to work.
 */
final class TeacherRoster {

    private final Predicate<ActorRef<?>> ofThisRun;
    private final int needed;
    private List<ActorRef<TeacherInference.Command>> teachers = List.of();

    /**
     * @param ofThisRun which listed instances belong to the student's run
     * @param needed the instances to wait for before starting
     */
    TeacherRoster(Predicate<ActorRef<?>> ofThisRun, int needed) {
        this.ofThisRun = ofThisRun;
        this.needed = needed;
    }

    void listed(Receptionist.Listing listing) {
        teachers = listing.getServiceInstances(TeacherInference.SERVICE_KEY).stream()
                .filter(ofThisRun::test)
                .sorted(Comparator.comparing(teacher -> teacher.path().name()))
                .toList();
    }

    boolean complete() {
        return teachers.size() >= needed;
    }

    /** The instance that labels {@code step}. */
    ActorRef<TeacherInference.Command> forStep(int step) {
        return teachers.get(step % teachers.size());
    }
}
