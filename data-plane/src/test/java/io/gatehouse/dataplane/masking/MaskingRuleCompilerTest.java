package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.gatehouse.dataplane.masking.MaskingTestSupport.detector;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.field;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.path;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.regex;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withHash;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withPartial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingRuleCompilerTest {

    private static final MaskingRuleCompiler WITHOUT_KEY = new MaskingRuleCompiler(Optional.empty());

    @Test
    void maskedFieldsAreShorthandForCaseInsensitiveRedaction() throws Exception {
        MaskingPolicy policy = WITHOUT_KEY.compile(Resource.newBuilder().addMaskedFields("ssn").build());
        assertTrue(policy.masks());
        assertEquals("{\"SSN\":\"[masked]\"}", MaskingTestSupport.mask(new JsonBodyMasker(policy, MaskingLimits.DEFAULTS, false),
                MaskingTestSupport.utf8("{\"SSN\":1}")));
    }

    @Test
    void aResourceWithoutRulesMasksNothing() {
        assertSame(MaskingPolicy.NONE, WITHOUT_KEY.compile(Resource.getDefaultInstance()));
        assertFalse(MaskingPolicy.NONE.masks());
    }

    @Test
    void rulesAreNamedAfterWhatTheyMatchUnlessNamed() {
        MaskingPolicy policy = WITHOUT_KEY.compile(Resource.newBuilder().addAllMaskingRules(List.of(field("ssn"),
                path("$..card"), detector(Detector.DETECTOR_PAYMENT_CARD), regex("order", "ORD-\\d+"),
                MaskingRule.newBuilder().setRegex("X-\\d+").build())).build());
        assertEquals(List.of("ssn", "$..card", "payment-card", "order", "regex-4"), policy.ruleNames());
    }

    @Test
    void rulesThatCannotWorkAreRefusedNamingTheRule() {
        assertProblem(path("customers.ssn"), "must start with '$'");
        assertProblem(path("$.a[x]"), "expected *, a quoted name or an index");
        assertProblem(path("$"), "at least one member");
        assertProblem(regex("bad", "(unclosed"), "masking rule 0 ('bad'): regex '(unclosed' does not compile");
        assertProblem(MaskingRule.newBuilder().setDetectorValue(99).build(), "unknown detector");
        assertProblem(withPartial(field("card"), 0), "keep at least 1");
        assertProblem(MaskingRule.newBuilder().build(), "matches nothing");
        assertProblem(withHash(field("email")), "no masking key (gatehouse.masking.hash-key)");
    }

    @Test
    void duplicateRuleNamesAreRefused() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> WITHOUT_KEY.compile(
                Resource.newBuilder().addMaskingRules(regex("a", "x+")).addMaskingRules(regex("a", "y+")).build()));
        assertTrue(problem.getMessage().contains("duplicate rule name"), problem.getMessage());
    }

    @Test
    void hashKeysShorterThan32BytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HashTokenizer.fromSecret("short"));
    }

    private static void assertProblem(MaskingRule rule, String expected) {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> WITHOUT_KEY.compile(Resource.newBuilder().addMaskingRules(rule).build()));
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
    }
}
