package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.Drop;
import io.gatehouse.proto.config.v1.HashToken;
import io.gatehouse.proto.config.v1.MaskingAction;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Partial;
import io.gatehouse.proto.config.v1.Redact;

/** Maps a resource's masking rule to the message data planes compile. */
final class MaskingRuleProtoMapper {

    private MaskingRuleProtoMapper() {
    }

    static MaskingRule toProto(MaskingRuleDefinition rule) {
        MaskingRule.Builder message = MaskingRule.newBuilder()
                .setCaseSensitive(rule.caseSensitive())
                .setAction(action(rule));
        if (rule.name() != null) {
            message.setName(rule.name());
        }
        switch (rule.match()) {
            case FIELD -> message.setField(rule.pattern());
            case PATH -> message.setPath(rule.pattern());
            case REGEX -> message.setRegex(rule.pattern());
            case DETECTOR -> message.setDetector(Detector.valueOf("DETECTOR_"
                    + MaskingRuleDefinition.Detector.fromDeclaredName(rule.pattern()).orElseThrow().name()));
        }
        return message.build();
    }

    private static MaskingAction action(MaskingRuleDefinition rule) {
        MaskingAction.Builder action = MaskingAction.newBuilder();
        switch (rule.action()) {
            case REDACT -> action.setRedact(Redact.newBuilder().setReplacement(rule.replacement() == null ? "" : rule.replacement()));
            case PARTIAL -> action.setPartial(Partial.newBuilder().setKeepLast(rule.keepLast()));
            case HASH -> action.setHash(HashToken.getDefaultInstance());
            case DROP -> action.setDrop(Drop.getDefaultInstance());
        }
        return action.build();
    }
}
