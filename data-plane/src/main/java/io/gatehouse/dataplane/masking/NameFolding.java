package io.gatehouse.dataplane.masking;

import java.util.Locale;

/**
 * Case folding for field names matched case-insensitively. Upper-casing before lower-casing maps
 * look-alikes that other parsers treat as equal ("ſ" and "s", the Kelvin sign and "k") to one form,
 * so such a spelling of a masked name does not slip past.
 */
final class NameFolding {

    private NameFolding() {
    }

    static String fold(String name) {
        boolean ascii = true;
        boolean lower = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            }
        }
        if (ascii) {
            return lower ? name : name.toLowerCase(Locale.ROOT);
        }
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
