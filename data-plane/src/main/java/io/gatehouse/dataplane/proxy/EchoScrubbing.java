package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.credential.CredentialEchoScrubber;
import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.InflatingBodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the credential-echo scrubber applies to a response of a resource without masking rules:
 * its headers, and its body — plain, or inflated first when gzip/deflate (then sent plain). A body
 * in any other encoding cannot be searched for an echo, so it is not passed (502): fail closed.
 */
final class EchoScrubbing {

    /** The name under which scrubbed echoes appear among a call's masked values in its audit record. */
    static final String AUDIT_RULE_NAME = "echoed-credential";

    private EchoScrubbing() {
    }

    static boolean isEncoded(String contentEncoding) {
        return contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.strip().equalsIgnoreCase("identity");
    }

    static BodyMasker unmaskedBody(String contentEncoding, CredentialEchoScrubber scrubber, MaskingLimits limits)
            throws MaskingException {
        if (!isEncoded(contentEncoding)) {
            return EchoScrubbingBodyMasker.unmasked(scrubber);
        }
        String coding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        String inflate = switch (coding) {
            case "gzip", "x-gzip" -> "gzip";
            case "deflate" -> "deflate";
            default -> throw new MaskingException("the upstream sent a body in a Content-Encoding the gateway cannot decode"
                    + " to check it for the credential (gzip and deflate can)");
        };
        return new EchoScrubbingBodyMasker(new InflatingBodyMasker(inflate, EchoScrubbingBodyMasker.passThrough(), limits), scrubber);
    }

    /** Replaces echoes in header values; drops a header whose name holds the credential. */
    static void scrubHeaders(MultiMap headers, CredentialEchoScrubber scrubber) {
        List<Map.Entry<String, String>> scrubbed = new ArrayList<>();
        boolean changed = false;
        for (Map.Entry<String, String> header : headers) {
            if (scrubber.echoedIn(header.getKey())) {
                scrubber.countRemoved();
                changed = true;
                continue;
            }
            String value = scrubber.scrubHeaderValue(header.getValue());
            changed |= !value.equals(header.getValue());
            scrubbed.add(Map.entry(header.getKey(), value));
        }
        if (changed) {
            headers.clear();
            scrubbed.forEach(header -> headers.add(header.getKey(), header.getValue()));
        }
    }
}
