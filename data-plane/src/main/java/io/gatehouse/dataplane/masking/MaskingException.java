package io.gatehouse.dataplane.masking;

import java.io.IOException;

/**
 * A body that cannot be masked (not the type it claims, invalid, past a limit). The message is
 * written for operators and never holds body content: it may be logged and recorded.
 */
public class MaskingException extends IOException {

    public MaskingException(String message) {
        super(message);
    }
}
