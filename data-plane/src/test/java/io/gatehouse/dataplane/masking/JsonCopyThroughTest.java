package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.Detector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gatehouse.dataplane.masking.MaskingTestSupport.detector;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.everything;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.field;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.mask;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.path;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.policy;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withDrop;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What no rule changes leaves as it was sent (but white space); dropped members take their commas with them. */
class JsonCopyThroughTest {

    private static final MaskingLimits LIMITS = MaskingLimits.DEFAULTS;

    @Test
    void valuesNoRuleChangesAreCopiedAsSentWithoutWhiteSpace() throws Exception {
        assertEquals("{\"n\":[1.50,-0,1E+2,2.5e-3,123456789012345678901234567890],\"s\":\"\\u0041\\/\\n\\ud83d\\ude00\",\"ssn\":\"[masked]\"}",
                json(policy(field("ssn")), " {\r\n \"n\" : [ 1.50 , -0 , 1E+2 , 2.5e-3 , 123456789012345678901234567890 ] ,\n"
                        + " \"s\" : \"\\u0041\\/\\n\\ud83d\\ude00\" , \"ssn\" : 1 }\n"));
    }

    @Test
    void aByteOrderMarkIsAcceptedAtTheStartAndNotSent() throws Exception {
        assertEquals("{\"ssn\":\"[masked]\"}", json(policy(field("ssn")), "\uFEFF{\"ssn\":1}"));
    }

    @Test
    void replacementsAreWrittenAsJsonStrings() throws Exception {
        assertEquals("{\"note\":\"a\\\"b\\\\c\\n[masked] \u00e9\\u0001\"}",
                json(policy(detector(Detector.DETECTOR_EMAIL)), "{\"note\":\"a\\\"b\\\\c\\nada@example.com \\u00e9\\u0001\"}"));
    }

    @Test
    void droppedMembersAndElementsTakeTheirCommasWithThem() throws Exception {
        MaskingPolicy drop = policy(withDrop(field("x")), withDrop(path("$.list[0]")), withDrop(path("$.list[2]")));
        assertEquals("{\"a\":1}", json(drop, "{\"x\":1,\"a\":1}"));
        assertEquals("{\"a\":1}", json(drop, "{\"a\":1,\"x\":1}"));
        assertEquals("{\"a\":1,\"b\":2}", json(drop, "{\"x\":[1],\"a\":1,\"x\":{\"y\":2},\"b\":2,\"x\":null}"));
        assertEquals("{}", json(drop, "{\"x\":1,\"X\":{}}"));
        assertEquals("{\"list\":[\"b\",\"d\"]}", json(drop, "{\"list\":[\"a\",\"b\",{\"c\":1},\"d\"]}"));
        assertEquals("{\"list\":[]}", json(drop, "{\"list\":[[1]]}"));
    }

    @Test
    void droppingDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : List.of("{\"internal\":1,\"a\":\"123-45-6789\",\"internal\":[1,{\"b\":2}]}",
                "[{\"internal\":{}},{\"a\":1,\"internal\":\"x\"},{\"internal\":2,\"ssn\":3}]",
                "\uFEFF {\"note\" : \"ssn 123-45-6789\" , \"n\" : [ 1.50 , -0 ] }")) {
            ChunkSplitEquivalenceTest.assertEverySplitGivesTheSameOutput(() -> new JsonBodyMasker(everything(), LIMITS, false),
                    utf8(document));
        }
    }

    private static String json(MaskingPolicy policy, String body) throws MaskingException {
        return mask(new JsonBodyMasker(policy, LIMITS, false), utf8(body));
    }
}
