package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.Drop;
import io.gatehouse.proto.config.v1.HashToken;
import io.gatehouse.proto.config.v1.MaskingAction;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Partial;
import io.gatehouse.proto.config.v1.Resource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds policies from the same proto rules a snapshot carries, and feeds bodies in chunks. */
final class MaskingTestSupport {

    static final String HASH_KEY = "a-test-key-of-at-least-thirty-two-bytes!";

    private MaskingTestSupport() {
    }

    static MaskingPolicy policy(MaskingRule... rules) {
        return new MaskingRuleCompiler(Optional.of(HashTokenizer.fromSecret(HASH_KEY)))
                .compile(Resource.newBuilder().setName("test").addAllMaskingRules(List.of(rules)).build());
    }

    static MaskingRule field(String name) {
        return MaskingRule.newBuilder().setField(name).build();
    }

    static MaskingRule path(String pattern) {
        return MaskingRule.newBuilder().setPath(pattern).build();
    }

    static MaskingRule detector(Detector detector) {
        return MaskingRule.newBuilder().setDetector(detector).build();
    }

    static MaskingRule regex(String name, String regex) {
        return MaskingRule.newBuilder().setName(name).setRegex(regex).build();
    }

    static MaskingRule withPartial(MaskingRule rule, int keepLast) {
        return rule.toBuilder().setAction(MaskingAction.newBuilder().setPartial(Partial.newBuilder().setKeepLast(keepLast))).build();
    }

    static MaskingRule withHash(MaskingRule rule) {
        return rule.toBuilder().setAction(MaskingAction.newBuilder().setHash(HashToken.getDefaultInstance())).build();
    }

    static MaskingRule withDrop(MaskingRule rule) {
        return rule.toBuilder().setAction(MaskingAction.newBuilder().setDrop(Drop.getDefaultInstance())).build();
    }

    /** Every rule set of the tests that mixes all kinds of rules. */
    static MaskingPolicy everything() {
        return policy(field("ssn"), path("$.customers[*].card.number"), path("$..secret"),
                withPartial(field("phone"), 4), withHash(field("email")), withDrop(field("internal")),
                detector(Detector.DETECTOR_PAYMENT_CARD), detector(Detector.DETECTOR_IBAN), detector(Detector.DETECTOR_US_SSN),
                detector(Detector.DETECTOR_AWS_ACCESS_KEY), detector(Detector.DETECTOR_PRIVATE_KEY), detector(Detector.DETECTOR_JWT),
                detector(Detector.DETECTOR_BEARER_TOKEN), detector(Detector.DETECTOR_EMAIL), detector(Detector.DETECTOR_PHONE),
                regex("order-ref", "ORD-[0-9]{6}"));
    }

    static String mask(BodyMasker masker, byte[] body, int... cuts) throws MaskingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int cut : cuts) {
            out.writeBytes(masker.feed(Arrays.copyOfRange(body, at, cut)));
            at = cut;
        }
        out.writeBytes(masker.feed(Arrays.copyOfRange(body, at, body.length)));
        out.writeBytes(masker.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    static String maskInChunksOf(Supplier<BodyMasker> maskers, byte[] body, int size) throws MaskingException {
        BodyMasker masker = maskers.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            out.writeBytes(masker.feed(Arrays.copyOfRange(body, i, Math.min(body.length, i + size))));
        }
        out.writeBytes(masker.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    static String maskWhole(Supplier<BodyMasker> maskers, String body) throws MaskingException {
        return mask(maskers.get(), body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
