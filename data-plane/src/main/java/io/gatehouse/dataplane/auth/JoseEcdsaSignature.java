package io.gatehouse.dataplane.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * ECDSA signatures as JWS carries them (RFC 7518 3.4: R and S, each exactly as long as the curve's order,
 * concatenated) turned into the DER {@code SEQUENCE { INTEGER r, INTEGER s }} that the JDK verifies.
 */
final class JoseEcdsaSignature {

    private JoseEcdsaSignature() {
    }

    /** The DER form, or null when {@code concatenated} is not two integers of {@code integerLength} bytes each. */
    static byte[] toDer(byte[] concatenated, int integerLength) {
        if (concatenated.length != 2 * integerLength) {
            return null;
        }
        byte[] r = derInteger(Arrays.copyOfRange(concatenated, 0, integerLength));
        byte[] s = derInteger(Arrays.copyOfRange(concatenated, integerLength, concatenated.length));
        ByteArrayOutputStream der = new ByteArrayOutputStream(r.length + s.length + 3);
        der.write(0x30);
        writeLength(der, r.length + s.length);
        der.writeBytes(r);
        der.writeBytes(s);
        return der.toByteArray();
    }

    /** A positive big-endian integer as DER: tag, length, minimal bytes with a leading zero when the top bit is set. */
    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        boolean needsSignByte = (unsigned[start] & 0x80) != 0;
        int contentLength = unsigned.length - start + (needsSignByte ? 1 : 0);
        ByteArrayOutputStream der = new ByteArrayOutputStream(contentLength + 3);
        der.write(0x02);
        writeLength(der, contentLength);
        if (needsSignByte) {
            der.write(0);
        }
        der.write(unsigned, start, unsigned.length - start);
        return der.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream der, int length) {
        if (length >= 0x80) {
            // P-521 signatures are longer than 127 bytes: one length byte after the long-form marker suffices
            der.write(0x81);
        }
        der.write(length);
    }
}
