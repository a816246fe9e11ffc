package org.stml.actors.config;

import java.util.List;
import org.stml.model.nn.Backbones;
import org.stml.model.nn.Stem;
import org.stml.model.nn.TeacherInit;

/**
 * {@code stml.model}: the architecture of the student and the teacher.
 *
 * @param backbone the backbone name, one of {@link Backbones#names()}
 * @param stem the input stem of the backbone
 * @param width the base width of the convnet backbone
 * @param embeddingSize the width of the student's f head (the evaluated embedding)
 * @param highDimSize the width of the g heads
 * @param teacherInit how the teacher is initialised
 */
public record ModelSettings(String backbone, Stem stem, int width, int embeddingSize, int highDimSize,
        TeacherInit teacherInit) {

    static ModelSettings read(SettingsReader reader) {
        return new ModelSettings(reader.choice("backbone", List.copyOf(Backbones.names())),
                reader.choice("stem", Stem.class), reader.integer("width", 1), reader.integer("embedding-size", 1),
                reader.integer("high-dim-size", 1), reader.choice("teacher-init", TeacherInit.class));
    }
}
