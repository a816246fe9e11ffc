package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stml.model.data.DatasetFingerprint;

class ProvenanceTest {

    private static final DatasetFingerprint NOW = new DatasetFingerprint(DatasetFingerprint.Kind.FILES, 49_999,
            "cd34" + "0".repeat(60));

    @Test
    void roundTripsThroughItsJson() {
        String json = TinyRun.PROVENANCE.toJson();
        assertEquals(TinyRun.PROVENANCE, Provenance.parse(json));
        for (String field : new String[] {"\"started\": ", "\"versions\": ", "\"djl\": \"0.36.0\"", "\"dataset\": ",
                "\"kind\": \"generated\"", "\"count\": 60", "\"config\": ", "\"stml.run.seed\": \"8\""}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void anEmptyObjectIsTheProvenanceThatRecordsNothing() {
        assertEquals(Provenance.none(), Provenance.parse("{}"));
        assertEquals(Optional.empty(), Provenance.none().datasetDifference(NOW), "nothing to compare with");
    }

    @Test
    void namesTheDatasetDifferenceInOneLine() {
        DatasetFingerprint then = new DatasetFingerprint(DatasetFingerprint.Kind.FILES, 50_000,
                "ab12" + "f".repeat(60));
        Provenance provenance = Provenance.builder().optDataset(then).build();
        assertEquals(Optional.empty(), provenance.datasetDifference(then));
        assertEquals(Optional.of("dataset differs: 50000 files, sha256 ab12ffffffff… in the checkpoint vs 49999 files, "
                + "sha256 cd3400000000… now"), provenance.datasetDifference(NOW));
    }

    @Test
    void aMalformedFingerprintIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Provenance.parse(
                "{\"dataset\": {\"kind\": \"folders\", \"count\": 1, \"sha256\": \"00\"}}"));
        assertEquals("\"kind\" should be files or generated, not folders", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.parse("{\"dataset\": {\"kind\": \"files\"}}"));
        assertEquals("\"count\" should be a number but is missing", e.getMessage());
    }
}
