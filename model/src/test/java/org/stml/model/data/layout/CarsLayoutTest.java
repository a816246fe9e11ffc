package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.DatasetSplit;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

class CarsLayoutTest {

    /** The classes of the fixture's annotations, in file order: both sides of the split at class 98. */
    private static final int[] CLASSES = {1, 98, 99, 196, 2};

    @TempDir
    Path root;

    /** Writes a real MAT v5 {@code cars_annos.mat} like the published one: mixed integer types, a test flag. */
    private void writeAnnotations(int[] classes, boolean withClassField) throws IOException {
        Struct annotations = Mat5.newStruct(1, classes.length);
        for (int i = 0; i < classes.length; i++) {
            annotations.set("relative_im_path", i, Mat5.newString(imagePath(i)));
            annotations.set("bbox_x1", i, integer(MatlabType.UInt8, 12 + i));
            annotations.set("bbox_y1", i, integer(MatlabType.UInt8, 30));
            annotations.set("bbox_x2", i, integer(MatlabType.UInt16, 600 + i));
            annotations.set("bbox_y2", i, integer(i % 2 == 0 ? MatlabType.UInt16 : MatlabType.UInt8, 200));
            if (withClassField) {
                annotations.set("class", i, integer(MatlabType.UInt8, classes[i]));
            }
            annotations.set("test", i, integer(MatlabType.UInt8, i % 2));
        }
        Cell classNames = Mat5.newCell(1, 2);
        classNames.set(0, Mat5.newString("AM General Hummer SUV 2000"));
        classNames.set(1, Mat5.newString("Acura RL Sedan 2012"));
        Mat5.writeToFile(Mat5.newMatFile().addArray("annotations", annotations).addArray("class_names", classNames),
                root.resolve("cars_annos.mat").toFile());
    }

    private static Matrix integer(MatlabType type, int value) {
        Matrix matrix = Mat5.newMatrix(1, 1, type);
        matrix.setInt(0, value);
        return matrix;
    }

    private static String imagePath(int index) {
        return String.format("car_ims/%06d.jpg", index + 1);
    }

    private void writeImages(int count) {
        for (int i = 0; i < count; i++) {
            Fixtures.image(root.resolve(imagePath(i)));
        }
    }

    @Test
    void labelIsClassMinusOneAndTheSplitIsAtClass98() throws IOException {
        writeAnnotations(CLASSES, true);
        writeImages(CLASSES.length);
        DatasetSplit split = DatasetLayouts.open("cars", root);

        assertEquals("Cars196 train", split.train().name());
        assertEquals(List.of("car_ims/000001.jpg", "car_ims/000002.jpg", "car_ims/000005.jpg"),
                Fixtures.relative(root, split.train()));
        assertEquals(List.of(0, 97, 1), Fixtures.labels(split.train()));
        assertEquals(List.of("car_ims/000003.jpg", "car_ims/000004.jpg"),
                Fixtures.relative(root, split.test().orElseThrow()));
        assertEquals(List.of(98, 195), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void missingAnnotationFileNamesThePath() {
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertTrue(e.getMessage().startsWith("cars: expected the annotation file " + root.resolve("cars_annos.mat")),
                e.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        writeAnnotations(CLASSES, false);
        writeImages(CLASSES.length);
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertTrue(e.getMessage().startsWith("cars: the 'annotations' struct in " + root.resolve("cars_annos.mat")
                + " has no field 'class'"), e.getMessage());
    }

    @Test
    void missingStructIsNamed() throws IOException {
        Mat5.writeToFile(Mat5.newMatFile().addArray("class_names", Mat5.newCell(1, 1)),
                root.resolve("cars_annos.mat").toFile());
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertEquals("cars: expected the struct array 'annotations' in " + root.resolve("cars_annos.mat")
                + ", found [class_names]", e.getMessage());
    }

    @Test
    void missingImagesAreCountedAndTheFirstIsNamed() throws IOException {
        writeAnnotations(CLASSES, true);
        writeImages(2);
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertEquals("cars: 3 of the 5 images listed in " + root.resolve("cars_annos.mat")
                + " do not exist, the first: " + root.resolve("car_ims/000003.jpg"), e.getMessage());
    }

    @Test
    void aClassOutOfRangeNamesTheAnnotation() throws IOException {
        writeAnnotations(new int[] {1, 0}, true);
        writeImages(2);
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertEquals("cars: " + root.resolve("cars_annos.mat")
                + ": annotation 2: class is 0.0, expected an integer from 1 to 196", e.getMessage());
    }

    @Test
    void aFileThatIsNotMatlabIsReported() throws IOException {
        Files.writeString(root.resolve("cars_annos.mat"), "not a MAT file");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cars", root));
        assertTrue(e.getMessage().startsWith("cars: cannot read " + root.resolve("cars_annos.mat")
                + " as a MATLAB v5 file"), e.getMessage());
    }

    @Test
    void publishedCountsAreTheRealOnes() {
        assertEquals(new PublishedCounts("Cars196", 8_054, 98, 8_131, 98),
                new CarsLayout().publishedCounts(LayoutOptions.defaults()).orElseThrow());
    }
}
