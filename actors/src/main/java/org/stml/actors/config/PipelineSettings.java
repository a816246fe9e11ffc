package org.stml.actors.config;

/**
 * {@code stml.pipeline}: the actor pipeline between the student and the teacher.
 *
 * @param maxTeacherLag the most student steps the teacher may trail; 0 for synchronous training
 * @param teacherInstances the teacher actors working in parallel, at least 1
 * @param batchWindow the batches prepared ahead of the student, at least 1
 */
public record PipelineSettings(int maxTeacherLag, int teacherInstances, int batchWindow) {

    static PipelineSettings read(SettingsReader reader) {
        return new PipelineSettings(reader.integer("max-teacher-lag", 0), reader.integer("teacher-instances", 1),
                reader.integer("batch-window", 1));
    }
}
