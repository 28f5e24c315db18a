package io.gatehouse.dataplane.masking;

/**
 * Receives the tokens of a JSON text from {@link JsonTokenizer}, each once it is complete and valid.
 * Tokens come as their raw bytes, as sent (strings and names with their quotes and escapes); the
 * bytes are only valid during the call. White space, commas and colons are not reported.
 */
interface JsonTokenListener {

    void startContainer(boolean array) throws MaskingException;

    void endContainer() throws MaskingException;

    /**
     * A member name, quotes included.
     *
     * @param plain true when the name is ASCII without escapes, so its bytes between the quotes are its text
     */
    void name(byte[] bytes, int start, int end, boolean plain) throws MaskingException;

    /** A string (quotes included; {@code plain} as for names), number or literal (true, false, null). */
    void scalar(JsonScalar kind, byte[] bytes, int start, int end, boolean plain) throws MaskingException;

    /** The kinds of scalar values. */
    enum JsonScalar {
        STRING, NUMBER, LITERAL
    }
}
