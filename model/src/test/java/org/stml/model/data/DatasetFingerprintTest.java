package org.stml.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFingerprintTest {

    @TempDir
    Path temp;

    private Path root;

    @BeforeEach
    void writeFixture() throws IOException {
        root = temp.resolve("data");
        write("b/2.png", 3);
        write("a/1.png", 5);
        write(".hidden", 1);
        write("a/sub/x.jpg", 0);
        write("a/1.png.bak", 2);
    }

    @Test
    void isTheDigestOfTheSortedPathsAndSizes() throws IOException, NoSuchAlgorithmException {
        DatasetFingerprint fingerprint = DatasetFingerprint.ofFolder(root);

        String listing = ".hidden\0" + "1\n" + "a/1.png\0" + "5\n" + "a/1.png.bak\0" + "2\n" + "a/sub/x.jpg\0" + "0\n"
                + "b/2.png\0" + "3\n";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(listing.getBytes(StandardCharsets.UTF_8)));
        assertEquals(new DatasetFingerprint(DatasetFingerprint.Kind.FILES, 5, expected), fingerprint);
        assertEquals("5 files, sha256 " + expected.substring(0, 12) + "…", fingerprint.describe());
    }

    @Test
    void aRemovedResizedRenamedOrAddedFileChangesIt() throws IOException {
        DatasetFingerprint original = DatasetFingerprint.ofFolder(root);

        Files.delete(root.resolve("b/2.png"));
        DatasetFingerprint removed = DatasetFingerprint.ofFolder(root);
        assertEquals(4, removed.count());
        assertNotEquals(original.sha256(), removed.sha256());
        write("b/2.png", 3);
        assertEquals(original, DatasetFingerprint.ofFolder(root), "restored");

        write("b/2.png", 4);
        DatasetFingerprint resized = DatasetFingerprint.ofFolder(root);
        assertEquals(5, resized.count());
        assertNotEquals(original.sha256(), resized.sha256());
        write("b/2.png", 3);

        Files.move(root.resolve("b/2.png"), root.resolve("b/3.png"));
        assertNotEquals(original, DatasetFingerprint.ofFolder(root));
        Files.move(root.resolve("b/3.png"), root.resolve("b/2.png"));

        write("c/new.png", 1);
        assertEquals(6, DatasetFingerprint.ofFolder(root).count());
    }

    @Test
    void readsNoFileSoSameSizedNewContentsKeepIt() throws IOException {
        DatasetFingerprint original = DatasetFingerprint.ofFolder(root);
        Files.write(root.resolve("a/1.png"), new byte[] {9, 9, 9, 9, 9});
        assertEquals(original, DatasetFingerprint.ofFolder(root));
    }

    @Test
    void followsSymbolicLinksAndDoesNotDependOnWhereTheRootIs() throws IOException {
        DatasetFingerprint original = DatasetFingerprint.ofFolder(root);
        Path link = Files.createSymbolicLink(temp.resolve("link"), root);
        assertEquals(original, DatasetFingerprint.ofFolder(link));
        Path moved = Files.move(root, temp.resolve("elsewhere"));
        assertEquals(original, DatasetFingerprint.ofFolder(moved));
    }

    @Test
    void aMissingRootIsOneLineNamingIt() {
        IOException e = assertThrows(IOException.class, () -> DatasetFingerprint.ofFolder(temp.resolve("absent")));
        assertTrue(e.getMessage().startsWith("cannot read " + temp.resolve("absent")), e.getMessage());
    }

    @Test
    void aGeneratorIsFingerprintedByItsSettings() {
        DatasetFingerprint fingerprint = DatasetFingerprint.ofGenerator("synthetic size=16 seed=0", 120);
        assertEquals(fingerprint, DatasetFingerprint.ofGenerator("synthetic size=16 seed=0", 120));
        assertNotEquals(fingerprint, DatasetFingerprint.ofGenerator("synthetic size=16 seed=1", 120));
        assertTrue(fingerprint.describe().startsWith("120 generated images, sha256 "), fingerprint.describe());
    }

    private void write(String relative, int size) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }
}
