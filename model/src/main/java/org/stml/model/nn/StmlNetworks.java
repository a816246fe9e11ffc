package org.stml.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.stml.model.ema.ParameterPairs;

/**
 * The student and teacher networks of STML (docs/ALGORITHM.md §2.4), built independently from one backbone name.
 *
 * <p>{@link Builder#build(NDManager)} seeds the engine once, then builds and initialises the student (with the f
 * head) and after it the teacher (without), so the teacher's random draws follow the student's and differ from them.
 * With {@link TeacherInit#COPY_OF_STUDENT} the teacher is then overwritten by the student. Finally every teacher
 * parameter is frozen: it never receives gradients. The teacher must always be run with {@code training = false},
 * so its BN running statistics change only through the EMA update.
 */
public final class StmlNetworks {

    private final EmbeddingNetwork student;
    private final EmbeddingNetwork teacher;
    private final TeacherInit teacherInit;
    private final Architecture architecture;

    private StmlNetworks(EmbeddingNetwork student, EmbeddingNetwork teacher, TeacherInit teacherInit,
            Architecture architecture) {
        this.student = student;
        this.teacher = teacher;
        this.teacherInit = teacherInit;
        this.architecture = architecture;
    }

    /**
     * Returns a builder; the backbone name is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the student, with heads g and f.
     *
     * @return the student network
     */
    public EmbeddingNetwork student() {
        return student;
    }

    /**
     * Returns the teacher, with head g only and frozen parameters.
     *
     * @return the teacher network
     */
    public EmbeddingNetwork teacher() {
        return teacher;
    }

    /**
     * Returns how the teacher was initialised.
     *
     * @return the teacher initialisation
     */
    public TeacherInit teacherInit() {
        return teacherInit;
    }

    /**
     * Builds a new network shaped like the teacher (head g only, frozen), for an actor that needs a teacher of its own
     * (a teacher-inference replica under a positive teacher lag). Its weights are freshly initialised: overwrite them
     * with a {@link org.stml.model.tensor.HostWeights} of the teacher before use. The engine's random state is not reseeded.
     *
     * @param manager the manager that will own the replica's parameter arrays
     * @return the replica
     */
    public EmbeddingNetwork newTeacherReplica(NDManager manager) {
        EmbeddingNetwork replica = architecture.initialized(false, manager);
        replica.freezeParameters(true);
        return replica;
    }

    /**
     * Builds a new network shaped like the student (heads g and f), for an actor that evaluates student snapshots
     * while training goes on. Its weights are freshly initialised: overwrite them with a {@link org.stml.model.tensor.HostWeights} of
     * the student before use. The engine's random state is not reseeded.
     *
     * @param manager the manager that will own the replica's parameter arrays
     * @return the replica
     */
    public EmbeddingNetwork newStudentReplica(NDManager manager) {
        EmbeddingNetwork replica = architecture.initialized(true, manager);
        replica.freezeParameters(true);
        return replica;
    }

    /** What both networks are built from. */
    private record Architecture(String backbone, BackboneOptions backboneOptions, int embeddingSize, int highDimSize,
            Shape inputShape) {

        EmbeddingNetwork initialized(boolean smallHead, NDManager manager) {
            EmbeddingNetwork network = EmbeddingNetwork.builder()
                    .setBackbone(Backbones.create(backbone, backboneOptions))
                    .optEmbeddingSize(embeddingSize)
                    .optHighDimSize(highDimSize)
                    .optSmallHead(smallHead)
                    .build();
            network.initialize(manager, DataType.FLOAT32, inputShape);
            return network;
        }
    }

    /** Builder of {@link StmlNetworks}. */
    public static final class Builder {

        private String backbone;
        private BackboneOptions backboneOptions = BackboneOptions.defaults();
        private int embeddingSize = 128;
        private int highDimSize = 1024;
        private Shape inputShape = new Shape(1, 3, 224, 224);
        private int seed;
        private TeacherInit teacherInit = TeacherInit.INDEPENDENT;

        private Builder() {}

        /**
         * Sets the backbone by name; required.
         *
         * @param name one of {@link Backbones#names()}
         * @return this builder
         */
        public Builder setBackbone(String name) {
            this.backbone = name;
            return this;
        }

        /**
         * Sets the backbone construction options.
         *
         * @param options the options, default {@link BackboneOptions#defaults()}
         * @return this builder
         */
        public Builder optBackboneOptions(BackboneOptions options) {
            this.backboneOptions = options;
            return this;
        }

        /**
         * Sets the width of the student's f head.
         *
         * @param embeddingSize the embedding size, default 128
         * @return this builder
         */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Sets the width of the g heads.
         *
         * @param highDimSize the high-dimensional size, default 1024
         * @return this builder
         */
        public Builder optHighDimSize(int highDimSize) {
            this.highDimSize = highDimSize;
            return this;
        }

        /**
         * Sets the image size the networks are initialised for; parameter shapes do not depend on it as long as the
         * backbone's feature map is not empty.
         *
         * @param height the image height, default 224
         * @param width the image width, default 224
         * @return this builder
         */
        public Builder optImageSize(int height, int width) {
            this.inputShape = new Shape(1, 3, height, width);
            return this;
        }

        /**
         * Sets the engine seed applied once before both networks are initialised.
         *
         * @param seed the seed, default 0
         * @return this builder
         */
        public Builder optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how the teacher is initialised.
         *
         * @param teacherInit default {@link TeacherInit#INDEPENDENT}, the reference behaviour
         * @return this builder
         */
        public Builder optTeacherInit(TeacherInit teacherInit) {
            this.teacherInit = teacherInit;
            return this;
        }

        /**
         * Seeds the engine, builds and initialises the student then the teacher, and freezes the teacher.
         *
         * @param manager the manager that will own every parameter array
         * @return the networks
         * @throws IllegalStateException if no backbone name was set
         * @throws IllegalArgumentException if the backbone name is unknown
         */
        public StmlNetworks build(NDManager manager) {
            if (backbone == null || backboneOptions == null || teacherInit == null) {
                throw new IllegalStateException(
                        "StmlNetworks needs a backbone name, backbone options and a teacher init");
            }
            manager.getEngine().setRandomSeed(seed);
            Architecture architecture = new Architecture(backbone, backboneOptions, embeddingSize, highDimSize,
                    inputShape);
            EmbeddingNetwork student = architecture.initialized(true, manager);
            EmbeddingNetwork teacher = architecture.initialized(false, manager);
            if (teacherInit == TeacherInit.COPY_OF_STUDENT) {
                ParameterPairs.byName(teacher, student).copyStudentToTeacher();
            }
            teacher.freezeParameters(true);
            return new StmlNetworks(student, teacher, teacherInit, architecture);
        }
    }
}
