package org.stml.actors.pipeline;

import java.util.Comparator;
import java.util.List;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The teacher-inference instances the student sends label requests to, in turn, as the receptionist lists them.
 * Only instances of the student's own run count: in one node a run's actors are siblings, so a listing that still
 * holds the stopped teachers of an earlier run (before a roll-back) does not put them to work.
 */
final class TeacherRoster {

    private final ActorPath run;
    private final int needed;
    private List<ActorRef<TeacherInference.Command>> teachers = List.of();

    /**
     * @param run the path of the actor whose children the teachers are (the student's parent)
     * @param needed the instances to wait for before starting
     */
    TeacherRoster(ActorPath run, int needed) {
        this.run = run;
        this.needed = needed;
    }

    void listed(Receptionist.Listing listing) {
        teachers = listing.getServiceInstances(TeacherInference.SERVICE_KEY).stream()
                .filter(teacher -> teacher.path().parent().equals(run))
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
